package hub.knowledge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.embed.Embedder;
import hub.knowledge.embed.EmbeddingException;
import hub.knowledge.embed.LocalMiniLmEmbedder;
import hub.knowledge.store.KnowledgeFixtures.Bot;
import hub.knowledge.store.KnowledgeSearch.Mode;
import hub.knowledge.store.KnowledgeSearch.Passage;
import hub.knowledge.store.KnowledgeSearch.SearchResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Hybrid retrieval with real local embeddings stored in PostgreSQL + pgvector. */
@StoreTest
class KnowledgeSearchIT {

    static final String REFUNDS = "Refunds: if you are not happy with your purchase, return it within 30 days and we will "
            + "refund the full price to your original payment method. Refunds take 5 to 10 business days to appear on your statement.";
    static final String EXCHANGES = "Exchanges: unused items can be exchanged for another size or colour in any of our stores, "
            + "free of charge, as long as you bring the receipt.";
    static final String HOURS = "Opening hours: our shop in Madrid is open Monday to Friday from 9:00 to 20:00 and on Saturdays "
            + "from 10:00 to 14:00. We are closed on Sundays and public holidays.";
    static final String PHONE = "Customer service by phone is available on weekdays between 8 am and 6 pm.";
    static final String SHIPPING = "Shipping: orders placed before 2 pm are dispatched the same day. Standard delivery within "
            + "Spain takes 2 to 3 working days; express delivery arrives the next day.";
    static final String INTERNATIONAL = "International shipping is available to all EU countries; delivery costs are "
            + "calculated at checkout.";
    static final String HISTORY = "Our company was founded in 1998 by two brothers who loved hiking in the Pyrenees.";

    static final Embedder LOCAL = new LocalMiniLmEmbedder();

    @Autowired
    KnowledgeSources sources;
    @Autowired
    KnowledgeFixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    KnowledgeSearch search;
    Bot shop;

    @BeforeEach
    void shopKnowledge() {
        search = new KnowledgeSearch(jdbc, LOCAL, KnowledgeSearch.Options.defaults(), mapper);
        shop = fixtures.bot("Shop");
        jdbc.update("UPDATE chatbots SET language = 'en' WHERE id = ?", shop.chatbotId());
        store(shop, SourceType.PDF, "Returns policy.pdf", REFUNDS, EXCHANGES);
        store(shop, SourceType.URL, "https://shop.test/hours", HOURS, PHONE);
        store(shop, SourceType.DOCX, "Delivery.docx", SHIPPING, INTERNATIONAL);
        store(shop, SourceType.TEXT, "About us", HISTORY);
    }

    private SourceRef store(Bot bot, SourceType type, String name, String... texts) {
        NewSource source = type == SourceType.URL ? NewSource.url(bot.organizationId(), bot.chatbotId(), name, name)
                : NewSource.upload(bot.organizationId(), bot.chatbotId(), type, name, name, null, String.join("\n", texts).getBytes());
        SourceRef ref = sources.create(source).source().ref();
        List<float[]> vectors = LOCAL.embed(List.of(texts));
        List<ChunkToStore> chunks = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            Map<String, Object> metadata = type == SourceType.URL ? Map.of("url", name, "heading", texts[i].split(":")[0])
                    : Map.of("page", i + 1, "heading", texts[i].split(":")[0]);
            chunks.add(new ChunkToStore(texts[i], vectors.get(i), metadata));
        }
        sources.replaceChunks(ref, chunks, LOCAL.model(), LOCAL.dimensions(), ContentHash.sha256(String.join("\n", texts)));
        return ref;
    }

    private static List<String> contents(SearchResult result) {
        return result.passages().stream().map(Passage::content).toList();
    }

    @Test
    void aParaphrasedQuestionFindsTheRightPassageFirst() {
        SearchResult refund = search.search(shop.chatbotId(), "can I get my money back?", 3);
        assertThat(refund.mode()).isEqualTo(Mode.HYBRID);
        assertThat(refund.notice()).isNull();
        assertThat(contents(refund)).first().isEqualTo(REFUNDS);
        Passage top = refund.passages().get(0);
        assertThat(top.sourceName()).isEqualTo("Returns policy.pdf");
        assertThat(top.sourceType()).isEqualTo("pdf");
        assertThat(top.page()).isEqualTo(1);
        assertThat(top.heading()).isEqualTo("Refunds");
        assertThat(top.chunkIndex()).isZero();
        assertThat(top.similarity()).isGreaterThan(0.25);
        assertThat(top.vectorRank()).isEqualTo(1);

        assertThat(contents(search.search(shop.chatbotId(), "when are you open on saturday?", 3))).first().isEqualTo(HOURS);
        SearchResult delivery = search.search(shop.chatbotId(), "how long until my parcel arrives?", 3);
        assertThat(contents(delivery)).first().isEqualTo(SHIPPING);
        assertThat(search.search(shop.chatbotId(), "what time does the store close on saturday", 3).passages().get(0).url())
                .isEqualTo("https://shop.test/hours");
    }

    @Test
    void anotherChatbotsChunksAreNeverReturned() {
        Bot competitor = fixtures.bot("Competitor");
        String theirs = "Can I get my money back? Yes: money back guaranteed, refunds on request, no questions asked.";
        store(competitor, SourceType.TEXT, "Their FAQ", theirs);
        Bot sibling = fixtures.botOf(shop.organizationId(), "Second bot of the same organisation");
        store(sibling, SourceType.TEXT, "Sibling FAQ", "Money back: refunds are paid in cash at the counter.");

        for (String query : List.of("can I get my money back?", "money back guaranteed refunds", "refunds")) {
            SearchResult result = search.search(shop.chatbotId(), query, 50, null);
            assertThat(result.passages()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.content()).isIn(REFUNDS, EXCHANGES, HOURS, PHONE, SHIPPING, INTERNATIONAL, HISTORY));
        }
        assertThat(contents(search.search(competitor.chatbotId(), "can I get my money back?", 50, null))).containsExactly(theirs);
    }

    @Test
    void theOrganisationScopedSearchRefusesAnotherOrganisationsChatbot() {
        Bot competitor = fixtures.bot("Other org");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> search.search(competitor.organizationId(), shop.chatbotId(), "refunds", 5))
                .isInstanceOf(KnowledgeNotFoundException.class);
        assertThat(contents(search.search(shop.organizationId(), shop.chatbotId(), "refunds", 1))).containsExactly(REFUNDS);
    }

    @Test
    void theThresholdIsAppliedAfterFusionToPassagesFullTextDidNotFind() {
        String query = "refund to the original payment method";
        SearchResult all = search.search(shop.chatbotId(), query, 50, null);
        assertThat(all.passages()).hasSize(7);  // every chunk is a vector candidate
        List<Double> similarities = all.passages().stream().map(Passage::similarity).toList();
        assertThat(similarities).doesNotContainNull();
        assertThat(all.passages()).filteredOn(p -> p.textRank() != null).extracting(Passage::content).containsExactly(REFUNDS);
        double threshold = similarities.stream().sorted().toList().get(3);  // keeps the 4 most similar

        SearchResult kept = search.search(shop.chatbotId(), query, 50, threshold);

        // exactly the fused list without the vector-only passages under the threshold: same order, same fused scores
        List<Passage> expected = all.passages().stream().filter(p -> p.similarity() >= threshold || p.textRank() != null).toList();
        assertThat(kept.passages()).hasSize(4).containsExactlyElementsOf(expected);
        // with the default threshold an unrelated question that shares no word finds nothing
        assertThat(search.search(shop.chatbotId(), "the phases of the moon", 5).passages()).isEmpty();
    }

    @Test
    void aPassageThatFullTextFindsIsKeptWhateverItsSimilarity() {
        SearchResult result = search.search(shop.chatbotId(), "who are the brothers?", 5, 0.99);
        assertThat(contents(result)).containsExactly(HISTORY);
        assertThat(result.passages().get(0).similarity()).isLessThan(0.99);
    }

    @Test
    void chunksOfAnotherModelAreSearchedByFullTextOnlyAndTheResultSaysSo() {
        Bot migrated = fixtures.bot("Embedded with OpenAI");
        SourceRef ref = sources.create(NewSource.upload(migrated.organizationId(), migrated.chatbotId(), SourceType.TEXT, "FAQ",
                "faq.txt", "text/plain", "x".getBytes())).source().ref();
        Random random = new Random(3);
        sources.replaceChunks(ref, List.of(
                new ChunkToStore(REFUNDS, KnowledgeFixtures.randomUnit(random, 1536), Map.of()),
                new ChunkToStore(HOURS, KnowledgeFixtures.randomUnit(random, 1536), Map.of())), "text-embedding-3-small", 1536, "h");

        SearchResult result = search.search(migrated.chatbotId(), "refunds statement", 5);

        assertThat(result.mode()).isEqualTo(Mode.TEXT_ONLY);
        assertThat(result.notice()).contains("text-embedding-3-small").contains("full-text search only");
        assertThat(contents(result)).containsExactly(REFUNDS);
        assertThat(result.passages().get(0).similarity()).isNull();

        // once re-embedded with the configured model, the same chatbot is searched hybrid again
        KnowledgeReembedder.Report report = new KnowledgeReembedder(sources, LOCAL).reembed(migrated.chatbotId());
        assertThat(report.reembedded()).isEqualTo(1);
        assertThat(report.chunks()).isEqualTo(2);
        SearchResult after = search.search(migrated.chatbotId(), "can I get my money back?", 5);
        assertThat(after.mode()).isEqualTo(Mode.HYBRID);
        assertThat(after.notice()).isNull();
        assertThat(contents(after)).first().isEqualTo(REFUNDS);
        assertThat(sources.find(ref).orElseThrow().embeddingModel()).isEqualTo(LOCAL.model());
        assertThat(new KnowledgeReembedder(sources, LOCAL).reembed(migrated.chatbotId()).skipped()).as("idempotent").isEqualTo(1);
    }

    @Test
    void aChunkWithoutAComparableEmbeddingIsStillFoundByFullTextInAHybridSearch() {
        // e.g. written by an older version, or by hand: a chunk with no embedding next to embedded ones
        UUID legacy = jdbc.queryForObject("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name) VALUES (?, ?, 'text', 'Legacy')
                RETURNING id""", UUID.class, shop.organizationId(), shop.chatbotId());
        jdbc.update("INSERT INTO document_chunks (knowledge_source_id, chatbot_id, chunk_index, content) VALUES (?, ?, 0, ?)",
                legacy, shop.chatbotId(), "Zeppelin tours over the bay start at the old airfield every Sunday.");

        SearchResult result = search.search(shop.chatbotId(), "zeppelin tours", 5);

        assertThat(result.mode()).isEqualTo(Mode.HYBRID);
        assertThat(result.notice()).contains("1 of 8 chunks").contains("found by full text only");
        Passage legacyPassage = result.passages().stream().filter(p -> p.sourceId().equals(legacy)).findFirst().orElseThrow();
        assertThat(legacyPassage.similarity()).isNull();
        assertThat(legacyPassage.textRank()).isEqualTo(1);
        // embedded passages are still held to the threshold
        assertThat(result.passages()).filteredOn(p -> p.similarity() != null)
                .allSatisfy(p -> assertThat(p.similarity()).isGreaterThanOrEqualTo(KnowledgeSearch.Options.DEFAULT_THRESHOLD));
    }

    @Test
    void aReEmbeddingThatFailsForOneSourceLeavesItOnItsOldEmbeddingsAndFinishesTheOthers() {
        Bot bot = fixtures.bot("Re-embed");
        Random random = new Random(5);
        List<SourceRef> refs = new ArrayList<>();
        for (String text : List.of(REFUNDS, "FAIL " + HOURS, SHIPPING)) {
            SourceRef ref = sources.create(NewSource.upload(bot.organizationId(), bot.chatbotId(), SourceType.TEXT, "doc",
                    "doc.txt", "text/plain", new byte[1])).source().ref();
            sources.replaceChunks(ref, List.of(new ChunkToStore(text, KnowledgeFixtures.randomUnit(random, 1536), Map.of()),
                    new ChunkToStore(text + " (2)", KnowledgeFixtures.randomUnit(random, 1536), Map.of())), "text-embedding-3-small", 1536, "h");
            refs.add(ref);
        }
        Embedder failsOnSecond = new Embedder() {
            public String model() {
                return LOCAL.model();
            }

            public int dimensions() {
                return LOCAL.dimensions();
            }

            public List<float[]> embed(List<String> texts) {
                if (texts.stream().anyMatch(t -> t.startsWith("FAIL"))) {
                    throw new EmbeddingException("provider refused the batch");
                }
                return LOCAL.embed(texts);
            }
        };

        KnowledgeReembedder.Report report = new KnowledgeReembedder(sources, failsOnSecond, 1).reembed(bot.chatbotId());

        assertThat(List.of(report.sources(), report.reembedded(), report.failed(), (int) report.chunks())).containsExactly(3, 2, 1, 4);
        assertThat(report.failures()).singleElement().asString().contains(refs.get(1).sourceId().toString()).contains("refused");
        assertThat(refs.stream().map(r -> sources.find(r).orElseThrow().embeddingModel()).toList())
                .containsExactly(LOCAL.model(), "text-embedding-3-small", LOCAL.model());
        // the failed source kept both its old embeddings (no half-updated source)
        assertThat(jdbc.queryForList("SELECT DISTINCT embedding_model FROM document_chunks WHERE knowledge_source_id = ?",
                String.class, refs.get(1).sourceId())).containsExactly("text-embedding-3-small");
        // searching now is hybrid over the re-embedded sources and says the rest is found by full text only
        SearchResult result = search.search(bot.chatbotId(), "can I get my money back?", 5);
        assertThat(result.mode()).isEqualTo(Mode.HYBRID);
        assertThat(result.notice()).contains("2 of 6 chunks").contains("text-embedding-3-small");
        assertThat(contents(result)).first().asString().startsWith(REFUNDS);
    }

    @Test
    void whenTheQuestionCannotBeEmbeddedTheSearchFallsBackToFullText() {
        Embedder down = new Embedder() {
            public String model() {
                return LOCAL.model();
            }

            public int dimensions() {
                return LOCAL.dimensions();
            }

            public List<float[]> embed(List<String> texts) {
                throw new EmbeddingException("OpenAI embeddings (x) failed: connection refused");
            }
        };
        SearchResult result = new KnowledgeSearch(jdbc, down, KnowledgeSearch.Options.defaults(), mapper)
                .search(shop.chatbotId(), "opening hours on saturday", 3);

        assertThat(result.mode()).isEqualTo(Mode.TEXT_ONLY);
        assertThat(result.notice()).contains("connection refused");
        assertThat(contents(result)).first().isEqualTo(HOURS);
    }

    @Test
    void aBigKnowledgeBaseIsSearchedThroughTheHnswIndexAndASmallOneExactly() {
        Bot big = fixtures.bot("Big");
        Random random = new Random(11);
        List<float[]> stored = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            SourceRef ref = sources.create(NewSource.upload(big.organizationId(), big.chatbotId(), SourceType.TEXT, "part " + s,
                    "part.txt", "text/plain", new byte[1])).source().ref();
            List<ChunkToStore> chunks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                float[] v = KnowledgeFixtures.randomUnit(random, 384);
                stored.add(v);
                chunks.add(new ChunkToStore("synthetic chunk " + s + "-" + i, v, Map.of()));
            }
            sources.replaceChunks(ref, chunks, LOCAL.model(), 384, "h" + s);
        }
        jdbc.execute("ANALYZE document_chunks");
        float[] query = stored.get(437);
        String literal = Vectors.literal(query);

        long before = hnswScans();
        List<String> viaIndex = nearest(big, literal, 500);
        long afterIndex = hnswScans();
        List<String> exact = nearest(big, literal, 10_000);
        long afterExact = hnswScans();

        assertThat(afterIndex).as("600 chunks > exact-scan limit 500: HNSW index").isGreaterThan(before);
        assertThat(afterExact).as("600 chunks <= 10,000: exact scan").isEqualTo(afterIndex);
        assertThat(viaIndex).first().isEqualTo("synthetic chunk 4-37");
        assertThat(viaIndex).hasSize(5).isEqualTo(exact);
    }

    @Test
    void theChatbotsLanguageStemsAndIgnoresAccentsAndAChangeReindexesItsChunks() {
        Bot tienda = fixtures.bot("Tienda");
        String horario = "Horario: abrimos de lunes a viernes de 9:00 a 19:00 y los sábados de 10:00 a 14:00.";
        String envios = "Envíos: los pedidos confirmados antes de las 13:00 salen el mismo día.";
        jdbc.update("UPDATE chatbots SET language = 'xx' WHERE id = ?", tienda.chatbotId());  // no stemmer: simple
        store(tienda, SourceType.TEXT, "Preguntas frecuentes", horario, envios);
        assertThat(search.search(tienda.chatbotId(), "sabado", 5).passages()).allSatisfy(p -> assertThat(p.textRank()).isNull());

        jdbc.update("UPDATE chatbots SET language = 'es' WHERE id = ?", tienda.chatbotId());

        for (String question : List.of("sabado", "¿A qué hora abren los sábados?", "envio")) {
            Passage top = search.search(tienda.chatbotId(), question, 5).passages().get(0);
            assertThat(top.textRank()).as(question).isEqualTo(1);
        }
        assertThat(search.search(tienda.chatbotId(), "¿A qué hora abren los sábados?", 5).passages().get(0).content()).isEqualTo(horario);
        assertThat(search.search(tienda.chatbotId(), "envio", 5).passages().get(0).content()).isEqualTo(envios);
        assertThat(search.search(tienda.chatbotId(), "envio", 5).language()).isEqualTo("es");
    }

    @Test
    void equalScoresAreOrderedBySourceThenChunk() {
        Bot twins = fixtures.bot("Twins");
        store(twins, SourceType.TEXT, "B copy", HOURS, HOURS);
        store(twins, SourceType.TEXT, "A copy", HOURS);

        for (int run = 0; run < 3; run++) {
            List<Passage> found = search.search(twins.chatbotId(), "opening hours on saturday", 5, null).passages();
            assertThat(found).extracting(p -> p.sourceName() + "#" + p.chunkIndex()).containsExactly("A copy#0", "B copy#0", "B copy#1");
            assertThat(found).extracting(Passage::score).containsOnly(found.get(0).score());
        }
    }

    /** search_knowledge_base on one connection, whose statistics are flushed before it is returned to the pool. */
    private List<String> nearest(Bot bot, String literal, int exactScanLimit) {
        return jdbc.execute((ConnectionCallback<List<String>>) con -> {
            List<String> contents = new ArrayList<>();
            try (PreparedStatement ps = con.prepareStatement(
                    "SELECT content FROM search_knowledge_base(?, ?::vector, 5, NULL, ?, 40, ?)")) {
                ps.setObject(1, bot.chatbotId());
                ps.setString(2, literal);
                ps.setString(3, LOCAL.model());
                ps.setInt(4, exactScanLimit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        contents.add(rs.getString(1));
                    }
                }
            }
            try (Statement st = con.createStatement()) {
                st.execute("SELECT pg_stat_force_next_flush()");
            }
            return contents;
        });
    }

    /** Index scans of the 384-dimension HNSW index so far, as counted by PostgreSQL's statistics. */
    private long hnswScans() {
        return jdbc.queryForObject("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'document_chunks_embedding_384_hnsw_idx'",
                Long.class);
    }
}
