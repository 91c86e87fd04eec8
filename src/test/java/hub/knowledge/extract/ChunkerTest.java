package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker();

    /** "w00001 w00002 ...": every word unique, so where a chunk starts and ends can be read off its text. */
    private static String numberedWords(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(i == 1 ? "" : " ").append(String.format("w%05d", i));
        }
        return text.toString();
    }

    private static int wordNumber(String word) {
        return Integer.parseInt(word.substring(1));
    }

    @Test
    void chunksStayWithinTheSizeAndOverlapByWholeWords() {
        List<String> chunks = chunker.split(numberedWords(2000));

        assertThat(chunks).hasSizeGreaterThan(10);
        for (String chunk : chunks) {
            assertThat(chunk.length()).isLessThanOrEqualTo(1000);
            assertThat(chunk.split(" ")).allMatch(word -> word.matches("w\\d{5}"));
        }
        for (int i = 1; i < chunks.size(); i++) {
            String[] previous = chunks.get(i - 1).split(" ");
            String[] current = chunks.get(i).split(" ");
            int lastOfPrevious = wordNumber(previous[previous.length - 1]);
            int firstOfCurrent = wordNumber(current[0]);
            int overlapWords = lastOfPrevious - firstOfCurrent + 1;
            // 7 characters a word with its space: about 200 characters of overlap is 28 words
            assertThat(overlapWords).isBetween(25, 29);
        }
        assertThat(chunks.get(0)).startsWith("w00001 ");
        assertThat(chunks.get(chunks.size() - 1)).endsWith("w02000");
    }

    @Test
    void everyWordOfTheTextIsInSomeChunk() {
        String text = numberedWords(3000);
        List<String> chunks = chunker.split(text);
        List<String> covered = chunks.stream().flatMap(c -> Arrays.stream(c.split(" "))).distinct().toList();
        assertThat(covered).containsExactly(text.split(" "));
    }

    @Test
    void paragraphBreaksArePreferredOverSentenceEnds() {
        List<String> paragraphs = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            paragraphs.add(("Paragraph " + p + " says something useful. ").repeat(8).strip() + " END" + p + ".");
        }
        String text = String.join("\n\n", paragraphs);

        List<String> chunks = new Chunker(new ChunkerOptions(1000, 0)).split(text);

        // 3 paragraphs (~890 characters) fit in a chunk; the seed cut at ". " in the middle of the 4th instead
        assertThat(chunks).hasSize(4);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i)).startsWith("Paragraph " + (3 * i + 1) + " ").endsWith("END" + (3 * i + 3) + ".");
        }
    }

    @Test
    void withoutParagraphsAChunkEndsAtASentenceEndKeepingItsPeriod() {
        String text = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> "Sentence number " + i + " is here and ends now.")
                .reduce((a, b) -> a + " " + b).orElseThrow();
        List<String> chunks = chunker.split(text);
        assertThat(chunks).hasSizeGreaterThan(1);
        for (String chunk : chunks) {
            assertThat(chunk).endsWith("ends now.");
        }
    }

    @Test
    void aListNumberIsNotTakenForASentenceEnd() {
        String steps = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> i + ". Open the panel and press the button labelled " + i)
                .reduce((a, b) -> a + " " + b).orElseThrow();
        List<String> chunks = chunker.split(steps);
        assertThat(chunks).hasSizeGreaterThan(1);
        for (String chunk : chunks) {
            assertThat(chunk).doesNotEndWith(".");
        }
    }

    @Test
    void whitespaceIsCollapsedOnlyAfterTheBoundariesAreChosen() {
        String text = "First   paragraph\twith  odd   spacing.\n\n\n   Second\nparagraph.";
        assertThat(chunker.split(text)).containsExactly("First paragraph with odd spacing. Second paragraph.");
    }

    @Test
    void aWordLongerThanAChunkIsCutIntoFullChunks() {
        String word = "x".repeat(50_000);
        List<String> chunks = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> chunker.split(word));
        assertThat(chunks).hasSize(50);
        assertThat(chunks).allMatch(chunk -> chunk.length() == 1000);
        assertThat(String.join("", chunks)).isEqualTo(word);
    }

    @Test
    void aLongWordAmongShortOnesIsCutOnlyWhereItMustBe() {
        String text = "short words first " + "y".repeat(2500) + " and short words after";
        List<String> chunks = chunker.split(text);
        assertThat(chunks).containsExactly("short words first", "y".repeat(1000), "y".repeat(1000),
                "y".repeat(500) + " and short words after");
    }

    @Test
    void onlyWhitespaceGivesNoChunks() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(chunker.split("\n".repeat(100_000))).isEmpty();
            assertThat(chunker.split(" ".repeat(100_000))).isEmpty();
            assertThat(chunker.split("")).isEmpty();
        });
    }

    @Test
    void wordsSeparatedByHugeWhitespaceRunsStillFillChunks() {
        String text = IntStream.range(0, 500).mapToObj(i -> "word" + i).reduce((a, b) -> a + "\n \n \n".repeat(50) + b)
                .orElseThrow();
        List<String> chunks = chunker.split(text);
        assertThat(chunks).allMatch(chunk -> chunk.length() <= 1000);
        assertThat(chunks.get(0).length()).isGreaterThan(500);
    }

    @Test
    void anOverlapCloseToTheSizeStillMovesOn() {
        Chunker greedy = new Chunker(new ChunkerOptions(100, 99));
        String text = numberedWords(20_000);
        List<String> chunks = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> greedy.split(text));
        // each chunk moves on by at least half of itself
        assertThat(chunks.size()).isLessThan(text.length() / 40);
        assertThat(chunks).allMatch(chunk -> chunk.length() <= 100);
        assertThat(chunks.get(chunks.size() - 1)).endsWith("w20000");
    }

    @Test
    void surrogatePairsAreNeverCutInHalf() {
        String emoji = "😀".repeat(700);
        List<String> chunks = chunker.split(emoji);
        assertThat(String.join("", chunks)).isEqualTo(emoji);
        assertThat(chunks).allMatch(chunk -> !Character.isLowSurrogate(chunk.charAt(0)));
    }

    @Test
    void chunksAreNumberedAcrossTheWholeDocumentWithTheirMetadata() {
        ExtractedDocument document = new ExtractedDocument(DocumentType.PDF, "Manual", List.of(
                new Section(numberedWords(300), 1, null),
                new Section("Page two is short.", 2, null),
                new Section(numberedWords(200), 3, "Appendix")));

        List<Chunk> chunks = chunker.chunk(document, "url", "Manual", "https://x.example/manual.pdf");

        assertThat(chunks).extracting(Chunk::index).containsExactlyElementsOf(
                IntStream.range(0, chunks.size()).boxed().toList());
        for (Chunk chunk : chunks) {
            assertThat(chunk.metadata()).containsEntry("chunk_index", chunk.index())
                    .containsEntry("source_type", "url")
                    .containsEntry("source_name", "Manual")
                    .containsEntry("url", "https://x.example/manual.pdf");
        }
        Chunk pageTwo = chunks.stream().filter(c -> c.text().equals("Page two is short.")).findFirst().orElseThrow();
        assertThat(pageTwo.metadata()).containsEntry("page", 2).doesNotContainKey("heading");
        assertThat(chunks.get(chunks.size() - 1).metadata()).containsEntry("page", 3).containsEntry("heading", "Appendix");
    }

    @Test
    void smallSectionsOfTheSamePageAndHeadingAreMergedButPagesNeverAre() {
        ExtractedDocument document = new ExtractedDocument(DocumentType.PDF, null, List.of(
                new Section("Alpha.", 1, "Intro"),
                new Section("Beta.", 1, "Intro"),
                new Section("Gamma.", 2, "Intro"),
                new Section("Delta.", 2, "Other")));

        List<Chunk> chunks = chunker.chunk(document, "doc.pdf");

        assertThat(chunks).extracting(Chunk::text).containsExactly("Alpha. Beta.", "Gamma.", "Delta.");
        assertThat(chunks).extracting(c -> c.metadata().get("page")).containsExactly(1, 2, 2);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new ChunkerOptions(99, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerOptions(500, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerOptions(500, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChunkerOptions.defaults()).isEqualTo(new ChunkerOptions(1000, 200));
    }
}
