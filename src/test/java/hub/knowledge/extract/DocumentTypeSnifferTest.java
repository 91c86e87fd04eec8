package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The type comes from the bytes: a PNG named "manual.pdf" is still refused, a PDF named "x.txt" still read. */
class DocumentTypeSnifferTest {

    private final DocumentTypeSniffer sniffer = new DocumentTypeSniffer();

    @Test
    void pdfIsRecognisedByItsHeaderWhateverTheName() {
        byte[] pdf = Fixtures.pdf("t", List.of(List.of("Hello")));
        assertThat(sniffer.sniff(pdf, "notes.txt")).isEqualTo(DocumentType.PDF);
        assertThat(sniffer.sniff(pdf, null)).isEqualTo(DocumentType.PDF);
    }

    @Test
    void pdfWithJunkBeforeItsHeaderIsStillAPdfButTextQuotingTheHeaderIsText() {
        byte[] pdf = Fixtures.pdf("t", List.of(List.of("Hello")));
        byte[] junk = new byte[300];
        junk[0] = (byte) 0x80;
        byte[] prefixed = new byte[junk.length + pdf.length];
        System.arraycopy(junk, 0, prefixed, 0, junk.length);
        System.arraycopy(pdf, 0, prefixed, junk.length, pdf.length);
        assertThat(sniffer.sniff(prefixed, null)).isEqualTo(DocumentType.PDF);
        assertThat(sniff("\n  %PDF-1.4 after a blank line", null)).isEqualTo(DocumentType.PDF);
        assertThat(sniff("Every PDF file starts with %PDF-1.7 and ends with %%EOF.", "pdf-notes.md"))
                .isEqualTo(DocumentType.MARKDOWN);
    }

    @Test
    void docxIsAZipWithContentTypesAndAWordDocument() {
        byte[] docx = Fixtures.docx(document -> Fixtures.paragraph(document, null, "Hello"));
        assertThat(sniffer.sniff(docx, "upload.bin")).isEqualTo(DocumentType.DOCX);
    }

    @Test
    void otherZipsAreRefusedAndNamed() {
        assertRefused(Fixtures.zip("readme.txt", "hello"), "looks like a ZIP archive");
        assertRefused(Fixtures.zip("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"),
                "Excel workbook");
        // only one of the two DOCX markers is not enough
        assertRefused(Fixtures.zip("word/document.xml", "<w:document/>"), "ZIP archive");
    }

    @Test
    void damagedZipIsRefusedWithAMessage() {
        byte[] docx = Fixtures.docx(document -> Fixtures.paragraph(document, null, "Hello"));
        byte[] truncated = java.util.Arrays.copyOf(docx, docx.length / 2);
        assertRefused(truncated, "damaged or incomplete");
    }

    @Test
    void legacyOfficeFilesAreRefusedWithAdvice() {
        byte[] ole2 = new byte[512];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole2, 0, magic.length);
        assertRefused(ole2, "legacy Microsoft Office file");
        assertThatThrownBy(() -> sniffer.sniff(ole2, "report.doc"))
                .hasMessageContaining("save it as DOCX or PDF");
    }

    @Test
    void passwordProtectedDocxIsRecognisedInsideItsOle2Container() {
        byte[] encrypted = new byte[1024];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, encrypted, 0, magic.length);
        byte[] name = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, encrypted, 600, name.length);
        assertThatThrownBy(() -> sniffer.sniff(encrypted, "secret.docx"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessage("The document is password-protected; upload an unprotected copy.");
    }

    @Test
    void imagesAreRefusedEvenWithADocumentName() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        assertThatThrownBy(() -> sniffer.sniff(png, "manual.pdf"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessage("Unsupported file type: looks like a PNG image; upload PDF, DOCX, HTML, Markdown or plain text.");
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
        assertRefused(jpeg, "JPEG image");
    }

    @Test
    void executablesAndBinaryDataAreRefused() {
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[2] = (byte) 0x90;
        assertRefused(exe, "Windows program");
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        noise[0] = 1;
        assertRefused(noise, "binary data");
    }

    @Test
    void emptyFileIsRefused() {
        assertThatThrownBy(() -> sniffer.sniff(new byte[0], "empty.txt"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessage("The file is empty.");
    }

    @Test
    void htmlIsRecognisedAfterBomWhitespaceAndComments() {
        assertThat(sniff("<!DOCTYPE html><html><body>x</body></html>", null)).isEqualTo(DocumentType.HTML);
        assertThat(sniff("\uFEFF  \n<!-- saved page --><HTML lang=en>x", "page.txt")).isEqualTo(DocumentType.HTML);
        assertThat(sniff("<?xml version=\"1.0\"?>\n<!doctype html>\n<p>x", null)).isEqualTo(DocumentType.HTML);
        assertThat(sniff("<head><title>t</title></head>", null)).isEqualTo(DocumentType.HTML);
        assertThat(sniff("<body>x</body>", "a.md")).isEqualTo(DocumentType.HTML);
    }

    @Test
    void textThatOnlyMentionsTagsIsNotHtml() {
        assertThat(sniff("<header> is an HTML element", null)).isEqualTo(DocumentType.TEXT);
        assertThat(sniff("Use <html> tags like this", "guide.md")).isEqualTo(DocumentType.MARKDOWN);
        assertThat(sniff("<!-- unterminated comment <html>", null)).isEqualTo(DocumentType.TEXT);
    }

    @Test
    void anHtmlFragmentCountsAsHtmlOnlyWhenNamedSo() {
        assertThat(sniff("<div><p>Opening hours</p></div>", "hours.html")).isEqualTo(DocumentType.HTML);
        assertThat(sniff("<div><p>Opening hours</p></div>", "hours.txt")).isEqualTo(DocumentType.TEXT);
    }

    @Test
    void utf8TextIsTextOrMarkdownByName() {
        assertThat(sniff("Grüße aus Köln — 東京 🚀\nline two", "notes.txt")).isEqualTo(DocumentType.TEXT);
        assertThat(sniff("# Title\n\nBody", "README.md")).isEqualTo(DocumentType.MARKDOWN);
        assertThat(sniff("# Title\n\nBody", "Guide.MARKDOWN")).isEqualTo(DocumentType.MARKDOWN);
        assertThat(sniff("# Title\n\nBody", null)).isEqualTo(DocumentType.TEXT);
        assertThat(sniff("\uFEFFwith a byte order mark", "bom.txt")).isEqualTo(DocumentType.TEXT);
    }

    @Test
    void textInALegacyEncodingIsRefusedWithAdvice() {
        byte[] latin1 = "Café crème, déjà vu".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> sniffer.sniff(latin1, "menu.txt"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessageContaining("not UTF-8 encoded");
    }

    @Test
    void textWithNulBytesIsBinary() {
        assertRefused("text\0with a NUL".getBytes(StandardCharsets.UTF_8), "binary data");
    }

    @Test
    void wireNamesMatchTheSourceTypesStored() {
        assertThat(DocumentType.PDF.wireName()).isEqualTo("pdf");
        assertThat(DocumentType.DOCX.wireName()).isEqualTo("docx");
        assertThat(DocumentType.HTML.wireName()).isEqualTo("html");
        assertThat(DocumentType.MARKDOWN.wireName()).isEqualTo("markdown");
        assertThat(DocumentType.TEXT.wireName()).isEqualTo("text");
        for (DocumentType type : DocumentType.values()) {
            assertThat(DocumentType.fromWireName(type.wireName().toUpperCase())).isEqualTo(type);
        }
        assertThatThrownBy(() -> DocumentType.fromWireName("doc")).isInstanceOf(IllegalArgumentException.class);
    }

    private DocumentType sniff(String content, String name) {
        return sniffer.sniff(content.getBytes(StandardCharsets.UTF_8), name);
    }

    private void assertRefused(byte[] bytes, String expected) {
        assertThatThrownBy(() -> sniffer.sniff(bytes, "upload"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("Exception");
    }
}
