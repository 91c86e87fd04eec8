package hub.whatsapp.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(TextSplitter.split("Hola, ¿qué tal?")).containsExactly("Hola, ¿qué tal?");
        assertThat(TextSplitter.split("x".repeat(4096))).hasSize(1);
    }

    @Test
    void longTextSplitsIntoOrderedPartsWithinTheLimit() {
        String text = words(9000);
        List<String> parts = TextSplitter.split(text);
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void prefersParagraphThenLineThenSentenceThenWordBoundaries() {
        // limit 40: each case offers its boundary in the second half of the window, weaker ones after it
        assertThat(TextSplitter.split("First paragraph here, long.\n\nSecond. It goes on and on", 40))
                .containsExactly("First paragraph here, long.", "Second. It goes on and on");
        assertThat(TextSplitter.split("A line of text that is long\nnext line. More words here", 40))
                .containsExactly("A line of text that is long", "next line. More words here");
        assertThat(TextSplitter.split("One sentence that ends. Then another one without end", 40))
                .containsExactly("One sentence that ends.", "Then another one without end");
        assertThat(TextSplitter.split("He finally said to them \"stop!\" and left the room quietly", 40))
                .containsExactly("He finally said to them \"stop!\"", "and left the room quietly");
        assertThat(TextSplitter.split("words without any stop at all just words more words", 40))
                .containsExactly("words without any stop at all just words", "more words");
    }

    @Test
    void ignoresParagraphBreaksThatWouldLeaveATinyPart() {
        List<String> parts = TextSplitter.split("Hi\n\nthis is a rather long sentence with many words in it", 40);
        assertThat(parts.get(0)).startsWith("Hi\n\nthis is");
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(40));
    }

    @Test
    void cutsFullWidthSentencesWithoutSpaces() {
        String text = "这是第一句话。" + "这是第二句话很长很长很长很长很长很长";
        assertThat(TextSplitter.split(text, 12)).first().isEqualTo("这是第一句话。");
    }

    @Test
    void hardCutNeverSplitsASurrogatePair() {
        String text = "a" + "😀".repeat(10); // 21 UTF-16 units, no whitespace
        List<String> parts = TextSplitter.split(text, 6);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(6);
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        });
        assertThat(parts.get(0)).isEqualTo("a😀😀");
    }

    @Test
    void dropsWhitespaceAtCutsAndBlankTails() {
        assertThat(TextSplitter.split("aaaa bbbb    \n\n   ", 6)).containsExactly("aaaa", "bbbb");
    }

    static String words(int length) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < length) {
            sb.append("word").append(i++ % 10).append(' ');
        }
        return sb.substring(0, length).strip();
    }
}
