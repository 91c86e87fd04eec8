import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A product manual of PAGES pages of running text (about 3,000 characters each, in paragraphs of
 * plausible English sentences), deterministic for a given seed: java GenerateManualPdf.java PAGES OUT.pdf
 */
public class GenerateManualPdf {

    static final String[] SUBJECTS = {"The pump", "Your appliance", "The control unit", "The filter", "Each valve",
            "The display", "The water tank", "The heating element", "The safety switch", "The outlet hose",
            "The descaling programme", "The warranty", "The service team", "The power cable", "The spare part"};
    static final String[] VERBS = {"must be checked", "should be cleaned", "can be replaced", "is designed to run",
            "needs to be descaled", "will stop automatically", "has to be installed", "may be adjusted",
            "is protected", "should never be opened", "can be ordered", "is tested"};
    static final String[] ENDINGS = {"every three months", "before the first use", "by a qualified technician",
            "when the red light flashes", "after 500 operating hours", "in hard water areas", "with a soft dry cloth",
            "at temperatures between 5 and 40 degrees", "as described in the next section", "free of charge during the "
            + "first two years", "to avoid damage to the seals", "once the device has cooled down"};

    public static void main(String[] args) throws Exception {
        int pages = Integer.parseInt(args[0]);
        Random random = new Random(42);
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(11.5f);
                    content.newLineAtOffset(40, 800);
                    content.showText("Chapter " + ((p - 1) / 10 + 1) + " - Section " + p);
                    content.newLine();
                    content.newLine();
                    int written = 0;
                    while (written < 3000) {
                        StringBuilder paragraph = new StringBuilder();
                        int sentences = 3 + random.nextInt(4);
                        for (int s = 0; s < sentences; s++) {
                            paragraph.append(SUBJECTS[random.nextInt(SUBJECTS.length)]).append(' ')
                                    .append(VERBS[random.nextInt(VERBS.length)]).append(' ')
                                    .append(ENDINGS[random.nextInt(ENDINGS.length)]).append(". ");
                        }
                        for (String line : wrap(paragraph.toString().strip(), 110)) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.newLine();
                        written += paragraph.length();
                    }
                    content.endText();
                }
            }
            document.save(new File(args[1]));
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
