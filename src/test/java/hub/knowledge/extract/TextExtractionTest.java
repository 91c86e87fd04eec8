package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TextExtractionTest {

    private final DocumentExtractor extractor = new DocumentExtractor();

    @Test
    void plainTextIsKeptAsIsWithoutTheByteOrderMark() {
        ExtractedDocument document = extract("\uFEFFFirst line\r\nsecond line\r\n\r\nNew paragraph.", "notes.txt");
        assertThat(document.type()).isEqualTo(DocumentType.TEXT);
        assertThat(document.sections()).containsExactly(
                new Section("First line\nsecond line\n\nNew paragraph.", null, null));
        assertThat(document.title()).isNull();
    }

    @Test
    void markdownHeadingsBecomeSectionHeadings() {
        String markdown = """
                # Product guide

                Welcome to the guide.

                ## Setup ##
                Plug it in.

                ```bash
                # this is a shell comment, not a heading
                make install
                ```

                Troubleshooting
                ---------------
                Restart it.
                """;
        ExtractedDocument document = extract(markdown, "guide.md");

        assertThat(document.type()).isEqualTo(DocumentType.MARKDOWN);
        assertThat(document.title()).isEqualTo("Product guide");
        assertThat(document.sections()).extracting(Section::heading)
                .containsExactly("Product guide", "Setup", "Troubleshooting");
        assertThat(document.sections().get(1).text()).startsWith("Setup\n\nPlug it in.")
                .contains("# this is a shell comment, not a heading\nmake install");
        assertThat(document.sections().get(2).text()).isEqualTo("Troubleshooting\n\nRestart it.");
    }

    @Test
    void aHashtagOrAListBeforeDashesIsNotAHeading() {
        String markdown = "#hashtag is text\n\n- item one\n---\nafter the rule";
        ExtractedDocument document = extract(markdown, "notes.md");
        assertThat(document.sections()).extracting(Section::heading).containsOnlyNulls();
        assertThat(document.sections().get(0).text()).startsWith("#hashtag is text");
    }

    @Test
    void whitespaceOnlyTextHasNoText() {
        assertThatThrownBy(() -> extract(" \n\n\t  \n", "blank.txt"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The document contains no text.");
    }

    @Test
    void textOverTheCharacterLimitIsRefused() {
        DocumentExtractor limited = new DocumentExtractor(ExtractionLimits.defaults().withMaxCharacters(1_000));
        byte[] text = "word ".repeat(300).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> limited.extract(text, "long.txt"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The document has more than 1,000 characters of text; split it into smaller files.");
    }

    @Test
    void contentWithAKnownTypeSkipsSniffing() {
        byte[] markdown = "# Fetched\n\nFrom a server that said text/markdown.".getBytes(StandardCharsets.UTF_8);
        ExtractedDocument document = extractor.extract(markdown, DocumentType.MARKDOWN, "https://x.example/a.md");
        assertThat(document.sections().get(0).heading()).isEqualTo("Fetched");
    }

    @Test
    void unsupportedUploadsFailBeforeAnyReading() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        assertThatThrownBy(() -> extractor.extract(png, "photo.txt"))
                .isInstanceOf(UnsupportedDocumentException.class)
                .hasMessageContaining("PNG image");
        assertThatThrownBy(() -> extractor.extract(new byte[0], DocumentType.TEXT, null))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The document contains no text.");
    }

    private ExtractedDocument extract(String text, String name) {
        return extractor.extract(text.getBytes(StandardCharsets.UTF_8), name);
    }
}
