package hub.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** PDF and DOCX files generated for the API tests and the ingestion benchmark (no binary fixtures). */
public final class TestDocuments {

    private TestDocuments() {
    }

    /** A PDF with one page per entry; each page's text is wrapped into lines of about 90 characters. */
    public static byte[] pdf(String title, List<String> pages) {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(13);
                    content.newLineAtOffset(40, 800);
                    for (String paragraph : text.split("\n\n")) {
                        for (String line : wrap(paragraph, 95)) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.newLine();
                    }
                    content.endText();
                }
            }
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            document.setDocumentInformation(info);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One block of a Word document: a heading (style Heading1), a paragraph, or a table. */
    public sealed interface Block permits Heading, Paragraph, Table {
    }

    public record Heading(String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Table(String[][] cells) implements Block {
    }

    public static byte[] docx(String title, List<Block> blocks) {
        try (XWPFDocument document = new XWPFDocument()) {
            document.getProperties().getCoreProperties().setTitle(title);
            for (Block block : blocks) {
                if (block instanceof Heading h) {
                    var p = document.createParagraph();
                    p.setStyle("Heading1");
                    p.createRun().setText(h.text());
                } else if (block instanceof Paragraph p) {
                    document.createParagraph().createRun().setText(p.text());
                } else if (block instanceof Table t) {
                    XWPFTable table = document.createTable(t.cells().length, t.cells()[0].length);
                    for (int r = 0; r < t.cells().length; r++) {
                        for (int c = 0; c < t.cells()[r].length; c++) {
                            table.getRow(r).getCell(c).setText(t.cells()[r][c]);
                        }
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> wrap(String paragraph, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
