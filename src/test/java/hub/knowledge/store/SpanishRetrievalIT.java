package hub.knowledge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.embed.Embedder;
import hub.knowledge.embed.LocalMiniLmEmbedder;
import hub.knowledge.store.KnowledgeFixtures.Bot;
import hub.knowledge.store.KnowledgeSearch.Fusion;
import hub.knowledge.store.KnowledgeSearch.Passage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retrieval quality in Spanish with the local (English-only) embedding model: the mean reciprocal rank of
 * the right passage over paraphrased customer questions (src/test/resources/retrieval/faq-es.json), without
 * the chatbot's language (no stemming, equal fusion weights), with Spanish stemming only, and with the
 * language also weighing the fusion. bench/retrieval-mrr.sh runs this test and prints the table it writes.
 */
@StoreTest
class SpanishRetrievalIT {

    static final Embedder LOCAL = new LocalMiniLmEmbedder();
    static final Path REPORT = Path.of("target", "retrieval-mrr.txt");

    record Section(String id, String heading, String text) {
    }

    record Question(String question, String section) {
    }

    record Faq(String description, List<Section> sections, List<Question> questions) {
    }

    record Setup(String name, String language, Fusion fusion) {
    }

    @Autowired
    KnowledgeSources sources;
    @Autowired
    KnowledgeFixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    @Test
    void theRightPassageComesFirstForSpanishQuestions() throws IOException {
        Faq faq = faq();
        Fusion languageAware = KnowledgeSearch.Fusion.forModelLanguages(Set.of("en"));
        List<Setup> setups = List.of(
                new Setup("without language (simple, equal fusion)", "xx", Fusion.EQUAL),
                new Setup("language es, equal fusion", "es", Fusion.EQUAL),
                new Setup("language es, fusion weighted by language", "es", languageAware));
        StringBuilder report = new StringBuilder(String.format("Spanish FAQ: %d passages, %d questions, embeddings %s%n",
                faq.sections().size(), faq.questions().size(), LOCAL.model()));
        report.append(String.format("%-45s %6s %6s %6s%n", "setup", "MRR", "hit@1", "hit@3"));
        double last = 0;
        for (Setup setup : setups) {
            Bot bot = fixtures.bot("FAQ " + setup.language());
            jdbc.update("UPDATE chatbots SET language = ? WHERE id = ?", setup.language(), bot.chatbotId());
            Map<String, String> contentToSection = store(bot, faq);
            KnowledgeSearch search = new KnowledgeSearch(jdbc, LOCAL, KnowledgeSearch.Options.defaults().withFusion(setup.fusion()), mapper);
            double reciprocal = 0;
            int first = 0;
            int top3 = 0;
            for (Question q : faq.questions()) {
                List<Passage> found = search.search(bot.chatbotId(), q.question(), 6).passages();
                int rank = 0;
                for (int i = 0; i < found.size(); i++) {
                    if (q.section().equals(contentToSection.get(found.get(i).content()))) {
                        rank = i + 1;
                        break;
                    }
                }
                reciprocal += rank == 0 ? 0 : 1.0 / rank;
                first += rank == 1 ? 1 : 0;
                top3 += rank >= 1 && rank <= 3 ? 1 : 0;
                if (rank != 1) {
                    report.append(String.format("    %s: rank %d%n", q.question(), rank));
                }
            }
            last = reciprocal / faq.questions().size();
            report.append(String.format("%-45s %6.3f %3d/%-2d %3d/%-2d%n", setup.name(), last, first, faq.questions().size(),
                    top3, faq.questions().size()));
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
        System.out.print(report);
        assertThat(last).as(report.toString()).isGreaterThanOrEqualTo(0.85);
    }

    private Faq faq() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/retrieval/faq-es.json")) {
            return mapper.readValue(in, Faq.class);
        }
    }

    private Map<String, String> store(Bot bot, Faq faq) {
        List<String> texts = faq.sections().stream().map(Section::text).toList();
        byte[] bytes = String.join("\n\n", texts).getBytes();
        SourceRef ref = sources.create(NewSource.upload(bot.organizationId(), bot.chatbotId(), SourceType.TEXT, "Preguntas frecuentes",
                "faq.txt", null, bytes)).source().ref();
        List<float[]> vectors = LOCAL.embed(texts);
        List<ChunkToStore> chunks = new ArrayList<>();
        Map<String, String> contentToSection = new java.util.HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            Section section = faq.sections().get(i);
            chunks.add(new ChunkToStore(section.text(), vectors.get(i), Map.of("heading", section.heading())));
            contentToSection.put(section.text(), section.id());
        }
        sources.replaceChunks(ref, chunks, LOCAL.model(), LOCAL.dimensions(), ContentHash.sha256(String.join("\n", texts)));
        return contentToSection;
    }
}
