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
 * PostgreSQL full-text ranking, fused with reciprocal rank fusion (score = Σ 1/(k + position)); the
 * similarity threshold is applied after fusion; always filtered by chatbot (database function
 * {@code search_knowledge_hybrid}). The query is embedded with the configured {@link Embedder} and
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
     * @param similarityThreshold cosine similarity a passage needs, checked after fusion (null = none). Not applied
     *                            in full-text-only mode, which has no similarities.
     * @param candidates          vector and full-text candidates fused (each), default 40
     * @param rrfK                reciprocal rank fusion constant, default 60
     * @param efSearch            HNSW candidate list for big knowledge bases (hnsw.ef_search), default 64
     *                            (recall@5 0.999 at p99 28 ms over 100,000 chunks, bench/RESULTS.md)
     * @param exactScanLimit      up to this many chunks a chatbot is searched exactly instead of through the HNSW
     *                            index; null (default) = automatic: the index only when it reads fewer rows than
     *                            an exact scan, never below 10,000 chunks (see knowledge_nearest_chunks in V6)
     * @param maxLimit            the most passages one search returns, default 50
     */
    public record Options(Double similarityThreshold, int candidates, int rrfK, int efSearch, Integer exactScanLimit, int maxLimit) {

        public static final double DEFAULT_THRESHOLD = 0.25;

        public Options {
            candidates = candidates <= 0 ? 40 : candidates;
            rrfK = rrfK <= 0 ? 60 : rrfK;
            efSearch = efSearch <= 0 ? 64 : efSearch;
            exactScanLimit = exactScanLimit != null && exactScanLimit < 0 ? null : exactScanLimit;
            maxLimit = maxLimit <= 0 ? 50 : maxLimit;
        }

        public static Options defaults() {
            return new Options(DEFAULT_THRESHOLD, 40, 60, 64, null, 50);
        }

        public Options withThreshold(Double threshold) {
            return new Options(threshold, candidates, rrfK, efSearch, exactScanLimit, maxLimit);
        }

        public Options withExactScanLimit(Integer limit) {
            return new Options(similarityThreshold, candidates, rrfK, efSearch, limit, maxLimit);
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

    /** The passages, best first, with how they were found. {@code notice} explains a degraded search, else null. */
    public record SearchResult(String query, Mode mode, String embeddingModel, List<Passage> passages, String notice) {
    }

    /**
     * The whole search in ONE statement (it runs for every answered message with RAG on): which models the
     * chatbot's chunks were embedded with, then the hybrid search, vector part only when some chunks are
     * comparable with the query. The threshold is applied here rather than in the function so that a
     * chunk without a comparable embedding (another model, or none) is still found by its full text.
     */
    private static final String SEARCH = """
            WITH m AS (
                SELECT coalesce(sum(chunks_count) FILTER (WHERE embedding_model = ?::text AND embedding_dimensions = ?::int), 0)
                           AS matching,
                       coalesce(sum(chunks_count), 0) AS total,
                       string_agg(DISTINCT coalesce(embedding_model || ' (' || embedding_dimensions || ' dims)', 'no embedding'), ', ')
                           FILTER (WHERE embedding_model IS DISTINCT FROM ?::text OR embedding_dimensions IS DISTINCT FROM ?::int)
                           AS others
                  FROM knowledge_sources WHERE chatbot_id = ?::uuid AND chunks_count > 0)
            SELECT m.matching, m.total, m.others, h.chunk_id, h.content, h.score, h.similarity, h.vector_position,
                   h.text_position, h.source_name, h.source_type, h.metadata::text AS metadata, h.knowledge_source_id,
                   h.chunk_index
              FROM m LEFT JOIN LATERAL (
                   SELECT s.* FROM search_knowledge_hybrid(?::uuid, CASE WHEN m.matching > 0 THEN ?::vector END, ?::text,
                                                           ?::int, NULL::float8, ?::text, ?::int, ?::int, ?::int, ?::int) s
                    WHERE m.total > 0
                      AND (m.matching = 0 OR ?::float8 IS NULL OR s.similarity IS NULL OR s.similarity >= ?::float8)
                    ORDER BY s.score DESC, s.similarity DESC NULLS LAST, s.chunk_id
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
            return new SearchResult(q, Mode.HYBRID, embedder.model(), List.of(), null);
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
        List<Passage> passages = new ArrayList<>(n);
        int candidates = Math.max(options.candidates(), n);
        String model = embedder.model();
        Double appliedThreshold = vector == null ? null : threshold;
        jdbc.query(SEARCH, rs -> {
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
        }, model, embedder.dimensions(), model, embedder.dimensions(), chatbotId,
                chatbotId, vector, q, 2 * candidates, model, candidates, options.rrfK(), options.efSearch(),
                options.exactScanLimit(), appliedThreshold, appliedThreshold, n);
        long matching = counts[0];
        long total = counts[1];
        if (total == 0) {
            lastNotice.remove(chatbotId);
            return new SearchResult(q, Mode.HYBRID, model, List.of(), null);
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
        return new SearchResult(q, mode, model, passages, notice);
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
