package hub.knowledge.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class RelevanceTest {

    private final Relevance faq = new Relevance(List.of("FAQ", "help"));

    @Test
    void theHostNameNeverMakesAPageRelevant() {
        assertThat(faq.score(URI.create("https://faq.help.example.com/contact"), "Contact us", "", 1)).isZero();
    }

    @Test
    void keywordsCountInTheTitleHeadingAndPathMinusDepth() {
        assertThat(faq.score(URI.create("https://example.com/faq"), "FAQ", "", 0)).isEqualTo(90);
        assertThat(faq.score(URI.create("https://example.com/faq"), "Questions", "", 0)).isEqualTo(70);
        assertThat(faq.score(URI.create("https://example.com/q"), "Questions", "Help desk", 0)).isEqualTo(70);
        assertThat(faq.score(URI.create("https://example.com/help/faq"), "FAQ", "", 0)).isEqualTo(100);
        assertThat(faq.score(URI.create("https://example.com/faq"), "FAQ", "", 2)).isEqualTo(80);
        assertThat(faq.score(URI.create("https://example.com/faq"), "", "", 4)).isEqualTo(50);
        assertThat(faq.score(URI.create("https://example.com/faq"), "", "", 5)).isEqualTo(45);
    }

    @Test
    void wordsMatchFromTheirStartIgnoringAccentsAndPunctuation() {
        Relevance relevance = new Relevance(List.of("api", "preguntas frecuentes", "doc"));
        assertThat(relevance.score(URI.create("https://example.com/rapid-delivery"), "Rapid", "", 0)).isZero();
        assertThat(relevance.score(URI.create("https://example.com/preguntas-frecuentes"), "", "", 0)).isEqualTo(70);
        assertThat(relevance.score(URI.create("https://example.com/x"), "Documentación", "", 0)).isEqualTo(70);
        assertThat(relevance.score(URI.create("https://example.com/api%20reference"), "", "", 0)).isEqualTo(70);
    }

    @Test
    void withoutKeywordsShallowPagesScoreHigher() {
        Relevance none = new Relevance(List.of());
        assertThat(none.score(URI.create("https://example.com/"), "", "", 0)).isEqualTo(100);
        assertThat(none.score(URI.create("https://example.com/a"), "", "", 1)).isEqualTo(70);
        assertThat(none.score(URI.create("https://example.com/a/b"), "", "", 2)).isEqualTo(40);
        assertThat(none.score(URI.create("https://example.com/a/b/c/d"), "", "", 4)).isZero();
    }
}
