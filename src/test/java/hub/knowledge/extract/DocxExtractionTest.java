package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

class DocxExtractionTest {

    private final DocumentExtractor extractor = new DocumentExtractor();

    private static byte[] manual() {
        return Fixtures.docx(document -> {
            document.getProperties().getCoreProperties().setTitle("Service manual");
            Fixtures.paragraph(document, null, "Read this first.");
            Fixtures.paragraph(document, "Heading1", "Installation");
            Fixtures.paragraph(document, null, "Unpack the device and place it on a flat surface.");
            Fixtures.paragraph(document, null, "Connect the power cable.");
            Fixtures.table(document, new String[][] {
                    {"Model", "Voltage", "Weight"},
                    {"X100", "230 V", "4 kg"},
                    {"X200", "110 V", "6 kg"}});
            Fixtures.paragraph(document, null, "After the table.");
            Fixtures.paragraph(document, "Heading2", "Cleaning");
            Fixtures.paragraph(document, null, "Wipe with a dry cloth.");
        });
    }

    @Test
    void paragraphsAndTablesComeInBodyOrderUnderTheirHeadings() {
        ExtractedDocument document = extractor.extract(manual(), "manual.docx");

        assertThat(document.type()).isEqualTo(DocumentType.DOCX);
        assertThat(document.title()).isEqualTo("Service manual");
        assertThat(document.sections()).extracting(Section::heading).containsExactly(null, "Installation", "Cleaning");
        assertThat(document.sections()).extracting(Section::page).containsOnlyNulls();
        String installation = document.sections().get(1).text();
        assertThat(installation).isEqualTo("Installation\n\n"
                + "Unpack the device and place it on a flat surface.\n\n"
                + "Connect the power cable.\n\n"
                + "Model | Voltage | Weight\nX100 | 230 V | 4 kg\nX200 | 110 V | 6 kg\n\n"
                + "After the table.");
    }

    @Test
    void chunksCarryTheHeadingAndTheTableText() {
        List<Chunk> chunks = new Chunker().chunk(extractor.extract(manual(), "manual.docx"), "manual.docx");

        Chunk table = chunks.stream().filter(c -> c.text().contains("X200")).findFirst().orElseThrow();
        assertThat(table.text()).contains("X100 | 230 V | 4 kg X200 | 110 V | 6 kg");
        assertThat(table.metadata()).containsEntry("heading", "Installation")
                .containsEntry("source_type", "docx")
                .doesNotContainKey("page");
        Chunk cleaning = chunks.get(chunks.size() - 1);
        assertThat(cleaning.metadata()).containsEntry("heading", "Cleaning");
        assertThat(cleaning.text()).isEqualTo("Cleaning Wipe with a dry cloth.");
    }

    @Test
    void headingStylesAreRecognisedByTheirNameWhenTheIdIsLocalised() {
        byte[] docx = Fixtures.docx(document -> {
            XWPFStyles styles = document.createStyles();
            CTStyle german = CTStyle.Factory.newInstance();
            german.setStyleId("berschrift1");
            german.setType(STStyleType.PARAGRAPH);
            german.addNewName().setVal("heading 1");
            styles.addStyle(new XWPFStyle(german));
            CTStyle custom = CTStyle.Factory.newInstance();
            custom.setStyleId("ChapterTitle");
            custom.setType(STStyleType.PARAGRAPH);
            custom.addNewName().setVal("Chapter title");
            custom.addNewBasedOn().setVal("berschrift1");
            styles.addStyle(new XWPFStyle(custom));
            Fixtures.paragraph(document, "berschrift1", "Sicherheit");
            Fixtures.paragraph(document, null, "Nicht öffnen.");
            Fixtures.paragraph(document, "ChapterTitle", "Wartung");
            Fixtures.paragraph(document, null, "Jährlich prüfen.");
        });
        ExtractedDocument document = extractor.extract(docx, "handbuch.docx");
        assertThat(document.sections()).extracting(Section::heading).containsExactly("Sicherheit", "Wartung");
    }

    @Test
    void zipBombFailsFastWithAMessage() {
        byte[] bomb = Fixtures.zipBombDocx(200L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
        assertThat(extractor.sniff(bomb, "bomb.docx")).isEqualTo(DocumentType.DOCX);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> extractor.extract(bomb, "bomb.docx"))
                        .isInstanceOf(ExtractionException.class)
                        .hasMessageContaining("zip bomb"));
    }

    @Test
    void partsThatTogetherExpandTooFarAreRefusedEvenWhenEachLooksNormal() {
        // incompressible parts pass the ratio test; only their total gives them away
        Random random = new Random(1);
        String[] entries = new String[10];
        entries[0] = "[Content_Types].xml";
        entries[1] = Fixtures.CONTENT_TYPES;
        entries[2] = "word/document.xml";
        entries[3] = "<w:document xmlns:w=\"" + Fixtures.W_NS + "\"><w:body/></w:document>";
        for (int i = 4; i < entries.length; i += 2) {
            StringBuilder noise = new StringBuilder();
            random.ints(300_000, 33, 127).forEach(c -> noise.append((char) c));
            entries[i] = "word/media/part" + i + ".bin";
            entries[i + 1] = noise.toString();
        }
        DocumentExtractor limited = new DocumentExtractor(ExtractionLimits.defaults()
                .withMaxZipEntryBytes(400_000, 800_000));
        assertThatThrownBy(() -> limited.extract(Fixtures.zip(entries), "many.docx"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("zip bomb");
    }

    @Test
    void brokenWordXmlFailsAsUnreadable() {
        byte[] broken = Fixtures.zip("[Content_Types].xml", Fixtures.CONTENT_TYPES, "_rels/.rels", Fixtures.RELS,
                "word/document.xml", "<w:document xmlns:w=\"" + Fixtures.W_NS + "\"><w:body><w:p>unclosed");
        assertThatThrownBy(() -> extractor.extract(broken, "broken.docx"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("The file is not a readable DOCX document (")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void documentWithoutTextFails() {
        byte[] empty = Fixtures.docx(document -> Fixtures.paragraph(document, null, "   "));
        assertThatThrownBy(() -> extractor.extract(empty, "empty.docx"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The document contains no text.");
    }
}
