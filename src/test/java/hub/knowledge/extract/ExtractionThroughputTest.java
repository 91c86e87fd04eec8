package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A manual sanity check, not a timed test: how long extracting and chunking a 200-page PDF takes.
 * Run with {@code mvn -o test -Dtest=ExtractionThroughputTest -Dthroughput=true} and read the output.
 */
@EnabledIfSystemProperty(named = "throughput", matches = "true")
class ExtractionThroughputTest {

    private static final String[] WORDS = ("the device must be cleaned with a dry cloth before each use and the"
            + " warranty covers parts and labour for two years from the date of purchase customers can return"
            + " goods within thirty days delivery takes two working days").split(" ");

    @Test
    void twoHundredPagePdf() {
        Random random = new Random(42);
        List<List<String>> pages = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 50; l++) {
                StringBuilder line = new StringBuilder();
                while (line.length() < 85) {
                    line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                lines.add(line.toString().strip() + (l % 6 == 5 ? "." : ""));
            }
            pages.add(lines);
        }
        byte[] pdf = Fixtures.pdf("Throughput", pages);
        DocumentExtractor extractor = new DocumentExtractor();
        Chunker chunker = new Chunker();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 5; run++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            ExtractedDocument document = extractor.extract(pdf, "big.pdf");
            long extracted = System.nanoTime();
            List<Chunk> chunks = chunker.chunk(document, "big.pdf");
            long chunked = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            System.out.printf("run %d: %d KB PDF, %d pages, %,d characters -> %d chunks; extract %d ms, chunk %d ms,"
                            + " total %d ms wall, %d ms CPU%n", run, pdf.length / 1024, document.sections().size(),
                    document.characterCount(), chunks.size(), (extracted - start) / 1_000_000,
                    (chunked - extracted) / 1_000_000, (chunked - start) / 1_000_000, cpu / 1_000_000);
            assertThat(document.sections()).hasSize(200);
        }
    }
}
