package hub.knowledge.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Documents generated for the tests, so that no binary fixture has to be committed. */
final class Fixtures {

    private Fixtures() {
    }

    /** A PDF with one page per entry; each page shows its lines of text. */
    static byte[] pdf(String title, List<List<String>> pages) {
        try (PDDocument document = new PDDocument()) {
            addPages(document, pages);
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            document.setDocumentInformation(info);
            return save(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PDF that opens only with {@code userPassword} (empty: anyone may open it, only the owner may edit). */
    static byte[] protectedPdf(String userPassword, List<List<String>> pages) {
        try (PDDocument document = new PDDocument()) {
            addPages(document, pages);
            AccessPermission permissions = new AccessPermission();
            permissions.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, permissions);
            policy.setEncryptionKeyLength(256);
            document.protect(policy);
            return save(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF whose content stream inflates to {@code bytes} spaces (a decompression bomb). */
    static byte[] pdfWithInflatingContent(long bytes) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDStream content = new PDStream(document);
            try (OutputStream raw = content.createOutputStream(COSName.FLATE_DECODE)) {
                byte[] spaces = new byte[64 * 1024];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (long written = 0; written < bytes; written += spaces.length) {
                    raw.write(spaces);
                }
            }
            page.setContents(content);
            return save(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addPages(PDDocument document, List<List<String>> pages) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (List<String> lines : pages) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 11);
                content.setLeading(14);
                content.newLineAtOffset(50, 790);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** Builds a Word document with POI and returns its bytes. */
    static byte[] docx(DocxContent content) {
        try (XWPFDocument document = new XWPFDocument()) {
            content.write(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    interface DocxContent {
        void write(XWPFDocument document) throws IOException;
    }

    static void paragraph(XWPFDocument document, String style, String text) {
        var paragraph = document.createParagraph();
        if (style != null) {
            paragraph.setStyle(style);
        }
        paragraph.createRun().setText(text);
    }

    static void table(XWPFDocument document, String[][] cells) {
        XWPFTable table = document.createTable(cells.length, cells[0].length);
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                table.getRow(r).getCell(c).setText(cells[r][c]);
            }
        }
    }

    /**
     * A DOCX-shaped ZIP whose word/document.xml inflates to about {@code bytes} bytes of one repeated
     * character. Streamed: the expanded document is never in memory.
     */
    static byte[] zipBombDocx(long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(CONTENT_TYPES.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(RELS.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" + W_NS
                    + "\"><w:body><w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < bytes; written += block.length) {
                zip.write(block);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A ZIP with the given entries (name, content), deflated. */
    static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static final String W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String CONTENT_TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
            + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
            + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
}
