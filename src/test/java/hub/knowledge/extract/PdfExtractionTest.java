package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PdfExtractionTest {

    private final DocumentExtractor extractor = new DocumentExtractor();

    private static final List<List<String>> THREE_PAGES = List.of(
            List.of("Opening hours", "The shop opens at nine in the morning on weekdays."),
            List.of("Returns", "Goods can be returned within thirty days with the receipt."),
            List.of("Delivery", "Parcels arrive within two working days in the Netherlands."));

    @Test
    void eachPageBecomesASectionWithItsPageNumber() {
        ExtractedDocument document = extractor.extract(Fixtures.pdf("Shop handbook", THREE_PAGES), "handbook.pdf");

        assertThat(document.type()).isEqualTo(DocumentType.PDF);
        assertThat(document.title()).isEqualTo("Shop handbook");
        assertThat(document.sections()).extracting(Section::page).containsExactly(1, 2, 3);
        assertThat(document.sections().get(1).text()).contains("returned within thirty days");
        assertThat(document.sections().get(0).text()).doesNotContain("thirty days");
    }

    @Test
    void chunksCarryTheirPage() {
        ExtractedDocument document = extractor.extract(Fixtures.pdf("Shop handbook", THREE_PAGES), "handbook.pdf");
        List<Chunk> chunks = new Chunker().chunk(document, "handbook.pdf");

        assertThat(chunks).hasSize(3);
        Chunk returns = chunks.stream().filter(c -> c.text().contains("returned")).findFirst().orElseThrow();
        assertThat(returns.metadata()).containsEntry("page", 2)
                .containsEntry("source_type", "pdf")
                .containsEntry("source_name", "handbook.pdf");
    }

    @Test
    void blankPagesAreSkippedButPageNumbersStayTrue() {
        List<List<String>> pages = List.of(List.of("First page"), List.of(), List.of("Third page"));
        ExtractedDocument document = extractor.extract(Fixtures.pdf(null, pages), "gaps.pdf");
        assertThat(document.sections()).extracting(Section::page).containsExactly(1, 3);
        assertThat(document.title()).isNull();
    }

    @Test
    void passwordProtectedPdfFailsWithAMessage() {
        byte[] pdf = Fixtures.protectedPdf("open-sesame", THREE_PAGES);
        assertThat(extractor.sniff(pdf, "locked.pdf")).isEqualTo(DocumentType.PDF);
        assertThatThrownBy(() -> extractor.extract(pdf, "locked.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The PDF is password-protected; upload an unprotected copy.");
    }

    @Test
    void pdfThatOnlyRestrictsEditingIsRead() {
        byte[] pdf = Fixtures.protectedPdf("", THREE_PAGES);
        ExtractedDocument document = extractor.extract(pdf, "restricted.pdf");
        assertThat(document.sections()).hasSize(3);
        assertThat(document.sections().get(2).text()).contains("two working days");
    }

    @Test
    void truncatedPdfFailsAsUnreadable() {
        byte[] pdf = Fixtures.pdf("Shop handbook", THREE_PAGES);
        byte[] truncated = java.util.Arrays.copyOf(pdf, 600);
        assertThatThrownBy(() -> extractor.extract(truncated, "broken.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("The file is not a readable PDF (")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void garbageAfterThePdfHeaderFailsAsUnreadable() {
        byte[] garbage = "%PDF-1.7\nthis is not really a pdf at all\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> extractor.extract(garbage, "fake.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("The file is not a readable PDF");
    }

    @Test
    void pdfWithoutTextSaysItMayBeAScan() {
        byte[] pdf = Fixtures.pdf("scan", List.of(List.of(), List.of()));
        assertThatThrownBy(() -> extractor.extract(pdf, "scan.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The PDF contains no extractable text (a scanned document?)");
    }

    @Test
    void tooManyPagesAreRefusedBeforeReading() {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pages.add(List.of("page " + i));
        }
        DocumentExtractor limited = new DocumentExtractor(ExtractionLimits.defaults().withMaxPdfPages(5));
        assertThatThrownBy(() -> limited.extract(Fixtures.pdf("big", pages), "big.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The PDF has 6 pages; at most 5 can be read. Split it into smaller files.");
    }

    @Test
    void tooMuchTextIsRefused() {
        DocumentExtractor limited = new DocumentExtractor(ExtractionLimits.defaults().withMaxCharacters(100));
        assertThatThrownBy(() -> limited.extract(Fixtures.pdf("t", THREE_PAGES), "long.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("The document has more than 100 characters of text; split it into smaller files.");
    }

    @Test
    void contentStreamThatInflatesBeyondTheLimitIsRefused() {
        byte[] bomb = Fixtures.pdfWithInflatingContent(8L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(100_000);
        DocumentExtractor limited = new DocumentExtractor(ExtractionLimits.defaults()
                .withMaxDecodedStreamBytes(1024 * 1024));
        assertThatThrownBy(() -> limited.extract(bomb, "bomb.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("expands to more than 1 MB");
    }

    @Test
    void aDocumentThatTakesTooLongIsStopped() {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pages.add(List.of("page " + i + " has some text on it"));
        }
        DocumentExtractor impatient = new DocumentExtractor(ExtractionLimits.defaults()
                .withMaxDuration(Duration.ofNanos(1)));
        assertThatThrownBy(() -> impatient.extract(Fixtures.pdf("slow", pages), "slow.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("Reading the document took longer than");
    }
}
