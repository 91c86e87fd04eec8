package hub.knowledge.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.embed.Embedder;
import hub.knowledge.embed.EmbeddingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retrieval over one chatbot's knowledge: the one search behind {@code POST /search}, the RAG
 * pre-retrieval and the {@code search_knowledge_base} tool.
 *
 * <p>Hybrid: pgvector cosine similarity (HNSW for big knowledge bases, exact for small ones) and
 * PostgreSQL full-text ranking with the text search configuration of the chatbot's language, fused with
 * weighted reciprocal rank fusion (score = Σ weight/(k + position), full text weighing more when the
 * embedding model does not know the chatbot's language, see {@link Fusion}); the similarity threshold is
 * applied after fusion and only to passages full text did not find; equal scores are ordered by source and
 * chunk index; always filtered by chatbot (database function {@code search_knowledge_hybrid}). The query is embedded with the configured {@link Embedder} and
 * compared only with chunks of that model: when none of the chatbot's chunks were embedded with it
 * (the model was changed and the chatbot not re-embedded yet), the search is full-text only, says so
 * in {@link SearchResult#mode()} and {@link SearchResult#notice()}, and logs it once per chatbot. Chunks
 * without a comparable embedding (another model, or none) are found by their full text in every mode:
 * the threshold only applies to passages that have a similarity.
 *
 * <p>One SQL statement per search (it runs for every answered message of a RAG chatbot): the model
 * bookkeeping and the hybrid search are one query, after the question is embedded.
 */
public class KnowledgeSearch {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSearch.class);

    /**
     * @param similarityThreshold cosine similarity a passage found only by its vector needs, checked after fusion
     *                            (null = none); a passage that full text found is kept whatever its similarity.
     *                            Not applied in full-text-only mode, which has no similarities.
     * @param candidates          vector and full-text candidates fused (each), default 40
     * @param rrfK                reciprocal rank fusion constant, default 60
     * @param efSearch            HNSW candidate list for big knowledge bases (hnsw.ef_search), default 64
     *                            (recall@5 0.999 at p99 28 ms over 100,000 chunks, bench/RESULTS.md)
     * @param exactScanLimit      up to this many chunks a chatbot is searched exactly instead of through the HNSW
     *                            index; null (default) = automatic: the index only when it reads fewer rows than
     *                            an exact scan, never below 10,000 chunks (see knowledge_nearest_chunks in V6)
     * @param maxLimit            the most passages one search returns, default 50
     * @param fusion              how much full text weighs against the vectors, by the chatbot's language
     */
    public record Options(Double similarityThreshold, int candidates, int rrfK, int efSearch, Integer exactScanLimit, int maxLimit,
                          Fusion fusion) {

        public static final double DEFAULT_THRESHOLD = 0.25;

        public Options {
            candidates = candidates <= 0 ? 40 : candidates;
            rrfK = rrfK <= 0 ? 60 : rrfK;
            efSearch = efSearch <= 0 ? 64 : efSearch;
            exactScanLimit = exactScanLimit != null && exactScanLimit < 0 ? null : exactScanLimit;
            maxLimit = maxLimit <= 0 ? 50 : maxLimit;
            fusion = fusion == null ? Fusion.EQUAL : fusion;
        }

        public static Options defaults() {
            return new Options(DEFAULT_THRESHOLD, 40, 60, 64, null, 50, Fusion.EQUAL);
        }

        public Options withThreshold(Double threshold) {
            return new Options(threshold, candidates, rrfK, efSearch, exactScanLimit, maxLimit, fusion);
        }

        public Options withFusion(Fusion weights) {
            return new Options(similarityThreshold, candidates, rrfK, efSearch, exactScanLimit, maxLimit, weights);
        }
    }

    /**
     * Weights of the reciprocal rank fusion (the vectors weigh 1): full text weighs {@code textWeight} for a
     * chatbot whose language the embedding model knows ({@code modelLanguages}, ISO 639-1 codes; empty = every
     * language), {@code unfamiliarLanguageTextWeight} for any other (an English-only model ranks Spanish
     * passages poorly, so there the words decide more).
     */
    public record Fusion(java.util.Set<String> modelLanguages, double textWeight, double unfamiliarLanguageTextWeight) {

        public static final Fusion EQUAL = new Fusion(java.util.Set.of(), 1, 1);
        public static final double DEFAULT_UNFAMILIAR_LANGUAGE_TEXT_WEIGHT = 3;

        /** Full text weighs as much as the vectors, {@value #DEFAULT_UNFAMILIAR_LANGUAGE_TEXT_WEIGHT} times more in a language the model does not know. */
        public static Fusion forModelLanguages(java.util.Set<String> languages) {
            return new Fusion(languages, 1, DEFAULT_UNFAMILIAR_LANGUAGE_TEXT_WEIGHT);
        }

        public Fusion {
            modelLanguages = modelLanguages == null ? java.util.Set.of() : java.util.Set.copyOf(modelLanguages);
            if (!(textWeight > 0) || !(unfamiliarLanguageTextWeight > 0)) {
                throw new IllegalArgumentException("full-text weights must be positive");
            }
        }

        String languages() {
            return String.join(",", new java.util.TreeSet<>(modelLanguages));
        }
    }

    /** How the search ran. */
    public enum Mode {
        /** vector + full text, fused */
        HYBRID,
        /** full text only: no chunk of the chatbot carries an embedding of the configured model, or the query could not be embedded */
        TEXT_ONLY
    }

    /**
     * A passage found. {@code similarity} is the cosine similarity to the query (null in full-text-only
     * mode or for a chunk of another model); {@code vectorRank}/{@code textRank} are its 1-based positions
     * in the two candidate lists (null when absent from one); page, url and heading come from the chunk's metadata.
     */
    public record Passage(UUID chunkId, UUID sourceId, String sourceName, String sourceType, int chunkIndex,
                          String content, double score, Double similarity, Integer vectorRank, Integer textRank,
                          Integer page, String url, String heading) {
    }

    /**
     * The passages, best first, with how they were found. {@code notice} explains a degraded search, else null;
     * {@code language} is the chatbot's and {@code textWeight} the weight full text had in the fusion.
     */
    public record SearchResult(String query, Mode mode, String embeddingModel, List<Passage> passages, String notice,
                               String language, double textWeight) {
    }

    /**
     * The whole search in ONE statement (it runs for every answered message with RAG on): which models the
     * chatbot's chunks were embedded with, then the hybrid search, vector part only when some chunks are
     * comparable with the query. The threshold is applied here rather than in the function so that a
     * chunk without a comparable embedding (another model, or none) is still found by its full text.
     */
    private static final String SEARCH = """
            WITH c AS (
                SELECT language,
                       CASE WHEN ?::text = '' OR language = ANY (string_to_array(?::text, ',')) THEN ?::float8 ELSE ?::float8 END
                           AS text_weight
                  FROM chatbots WHERE id = ?::uuid),
            m AS (
                SELECT coalesce(sum(chunks_count) FILTER (WHERE embedding_model = ?::text AND embedding_dimensions = ?::int), 0)
                           AS matching,
                       coalesce(sum(chunks_count), 0) AS total,
                       string_agg(DISTINCT coalesce(embedding_model || ' (' || embedding_dimensions || ' dims)', 'no embedding'), ', ')
                           FILTER (WHERE embedding_model IS DISTINCT FROM ?::text OR embedding_dimensions IS DISTINCT FROM ?::int)
                           AS others
                  FROM knowledge_sources WHERE chatbot_id = ?::uuid AND chunks_count > 0)
            SELECT c.language, c.text_weight, m.matching, m.total, m.others, h.chunk_id, h.content, h.score, h.similarity, h.vector_position,
                   h.text_position, h.source_name, h.source_type, h.metadata::text AS metadata, h.knowledge_source_id,
                   h.chunk_index
              FROM c CROSS JOIN m LEFT JOIN LATERAL (
                   SELECT s.* FROM search_knowledge_hybrid(?::uuid, CASE WHEN m.matching > 0 THEN ?::vector END, ?::text,
                                                           ?::int, NULL::float8, ?::text, ?::int, ?::int, ?::int, ?::int,
                                                           1.0, c.text_weight) s
                    WHERE m.total > 0
                      AND (m.matching = 0 OR ?::float8 IS NULL OR s.similarity IS NULL OR s.text_position IS NOT NULL
                           OR s.similarity >= ?::float8)
                    ORDER BY s.score DESC, s.similarity DESC NULLS LAST, s.source_name, s.knowledge_source_id, s.chunk_index
                    LIMIT ?::int) h ON true""";
    private static final String CHATBOT_OF_ORGANIZATION = "SELECT EXISTS (SELECT 1 FROM chatbots WHERE id = ? AND organization_id = ?)";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Embedder embedder;
    private final Options options;
    private final ObjectMapper mapper;
    private final Map<UUID, String> lastNotice = new ConcurrentHashMap<>();

    public KnowledgeSearch(JdbcTemplate jdbc, Embedder embedder, Options options, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.embedder = embedder;
        this.options = options == null ? Options.defaults() : options;
        this.mapper = mapper;
    }

    public Options options() {
        return options;
    }

    /** The best passages of the chatbot's knowledge for the query, with the configured threshold. */
    public SearchResult search(UUID chatbotId, String query, int limit) {
        return search(chatbotId, query, limit, options.similarityThreshold());
    }

    /**
     * As {@link #search(UUID, String, int)} for a chatbot the caller's organisation must own: another
     * organisation's chatbot gives {@link KnowledgeNotFoundException} (404), never its passages.
     */
    public SearchResult search(UUID organizationId, UUID chatbotId, String query, int limit) {
        if (!Boolean.TRUE.equals(jdbc.queryForObject(CHATBOT_OF_ORGANIZATION, Boolean.class, chatbotId, organizationId))) {
            throw KnowledgeNotFoundException.chatbot();
        }
        return search(chatbotId, query, limit);
    }

    /** With an explicit threshold (null = none). {@code limit} is clamped to 1..maxLimit. */
    public SearchResult search(UUID chatbotId, String query, int limit, Double threshold) {
        Objects.requireNonNull(chatbotId, "chatbotId");
        String q = query == null ? "" : query.strip();
        int n = Math.min(Math.max(limit, 1), options.maxLimit());
        if (q.isEmpty()) {
            return new SearchResult(q, Mode.HYBRID, embedder.model(), List.of(), null, null, options.fusion().textWeight());
        }

        // the query is embedded first (a few ms with the local model) so that the search is one statement
        String vector = null;
        String embeddingFailure = null;
        try {
            vector = Vectors.literal(embedder.embed(q));
        } catch (EmbeddingException e) {
            // the embedding provider is down or refuses: answer from the full text rather than not at all
            embeddingFailure = "The question could not be embedded (" + e.getMessage() + "): full-text search only.";
            log.warn("knowledge search for chatbot {}: {}", chatbotId, embeddingFailure);
        }
        long[] counts = new long[2];
        String[] others = new String[1];
        String[] language = new String[1];
        double[] textWeight = {options.fusion().textWeight()};
        List<Passage> passages = new ArrayList<>(n);
        int candidates = Math.max(options.candidates(), n);
        String model = embedder.model();
        Double appliedThreshold = vector == null ? null : threshold;
        jdbc.query(SEARCH, rs -> {
            language[0] = rs.getString("language");
            textWeight[0] = rs.getDouble("text_weight");
            counts[0] = rs.getLong("matching");
            counts[1] = rs.getLong("total");
            others[0] = rs.getString("others");
            if (rs.getObject("chunk_id") == null) {
                return;
            }
            Map<String, Object> metadata = metadata(rs.getString("metadata"));
            passages.add(new Passage(rs.getObject("chunk_id", UUID.class), rs.getObject("knowledge_source_id", UUID.class),
                    rs.getString("source_name"), rs.getString("source_type"), rs.getInt("chunk_index"), rs.getString("content"),
                    rs.getDouble("score"), (Double) rs.getObject("similarity"), (Integer) rs.getObject("vector_position"),
                    (Integer) rs.getObject("text_position"), integer(metadata.get("page")), string(metadata.get("url")),
                    string(metadata.containsKey("heading") ? metadata.get("heading") : metadata.get("header"))));
        }, options.fusion().languages(), options.fusion().languages(), options.fusion().textWeight(),
                options.fusion().unfamiliarLanguageTextWeight(), chatbotId,
                model, embedder.dimensions(), model, embedder.dimensions(), chatbotId,
                chatbotId, vector, q, 2 * candidates, model, candidates, options.rrfK(), options.efSearch(),
                options.exactScanLimit(), appliedThreshold, appliedThreshold, n);
        long matching = counts[0];
        long total = counts[1];
        if (total == 0) {
            lastNotice.remove(chatbotId);
            return new SearchResult(q, Mode.HYBRID, model, List.of(), null, language[0], textWeight[0]);
        }
        Mode mode = matching > 0 && vector != null ? Mode.HYBRID : Mode.TEXT_ONLY;
        String notice = null;
        if (others[0] != null) {
            notice = matching == 0
                    ? "The knowledge of this chatbot was embedded with " + others[0]
                      + ", not with the configured " + model + ": full-text search only until it is re-embedded."
                    : (total - matching) + " of " + total + " chunks were embedded with " + others[0]
                      + ", not with the configured " + model + ": they are found by full text only until re-embedded.";
            if (!notice.equals(lastNotice.put(chatbotId, notice))) {
                log.warn("knowledge search for chatbot {}: {}", chatbotId, notice);
            }
        } else {
            lastNotice.remove(chatbotId);
        }
        if (embeddingFailure != null) {
            notice = embeddingFailure;
        }
        return new SearchResult(q, mode, model, passages, notice, language[0], textWeight[0]);
    }

    private Map<String, Object> metadata(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static Integer integer(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.valueOf(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
