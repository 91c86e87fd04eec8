package hub.knowledge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statements of the knowledge store: knowledge_sources, their original content, their chunks
 * and the organisation's knowledge quotas. Every method is scoped by the organisation and chatbot
 * the caller passes in (the authenticated ones): another organisation's source is "not found".
 * Counters (documents, URLs, storage bytes, daily ingestions, chunk counts) are kept by the
 * database's triggers, so creating, replacing and deleting keep them true.
 */
@Repository
public class KnowledgeSources {

    private static final String COLUMNS = """
            id, organization_id, chatbot_id, source_type, name, file_path, original_filename, content_type, content_hash,
            file_size_bytes, sync_status, error_message, error_code, chunks_count, chunks_total, chunks_embedded,
            embedding_model, embedding_dimensions, created_at, updated_at, last_synced_at, processing_started_at, processing_completed_at""";
    private static final String QUOTA_STATE = """
            SELECT c.is_active, c.rag_enabled, o.max_knowledge_pdfs, o.current_knowledge_pdfs, o.max_knowledge_urls,
                   o.current_knowledge_urls, o.max_knowledge_storage_mb, o.current_storage_bytes,
                   o.max_knowledge_ingestions_per_day,
                   coalesce((SELECT d.ingestion_count FROM daily_ingestion_counts d
                              WHERE d.organization_id = o.id AND d.date = CURRENT_DATE), 0) AS today
              FROM chatbots c JOIN organizations o ON o.id = c.organization_id
             WHERE c.id = ? AND c.organization_id = ?""";
    /**
     * Locks the organisation row so that two concurrent creations cannot both take the last unit of a
     * quota; the quota state is read after it (a new snapshot, so it includes what the other committed).
     */
    private static final String LOCK_ORGANIZATION = """
            SELECT o.id FROM organizations o JOIN chatbots c ON c.organization_id = o.id
             WHERE c.id = ? AND o.id = ? FOR NO KEY UPDATE OF o""";
    private static final String INSERT_SOURCE = """
            INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, file_path, original_filename,
                                           content_type, file_size_bytes, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            RETURNING id""";
    private static final String INSERT_CONTENT = """
            INSERT INTO knowledge_source_content (knowledge_source_id, content, content_type, sha256) VALUES (?, ?, ?, ?)""";
    private static final String UPSERT_CONTENT = """
            INSERT INTO knowledge_source_content (knowledge_source_id, content, content_type, sha256)
            SELECT ks.id, ?, ?, ? FROM knowledge_sources ks WHERE ks.id = ? AND ks.chatbot_id = ? AND ks.organization_id = ?
            ON CONFLICT (knowledge_source_id) DO UPDATE
               SET content = EXCLUDED.content, content_type = EXCLUDED.content_type, sha256 = EXCLUDED.sha256""";
    private static final String CONTENT = """
            SELECT c.content, c.content_type, c.sha256
              FROM knowledge_source_content c JOIN knowledge_sources ks ON ks.id = c.knowledge_source_id
             WHERE ks.id = ? AND ks.chatbot_id = ? AND ks.organization_id = ?""";
    private static final String FIND = "SELECT " + COLUMNS + "\n FROM knowledge_sources WHERE id = ? AND chatbot_id = ? AND organization_id = ?";
    private static final String FILTER = """
             FROM knowledge_sources
             WHERE chatbot_id = ? AND organization_id = ?
               AND (?::text IS NULL OR sync_status = ?::text) AND (?::text IS NULL OR source_type = ?::text)""";
    private static final String LIST = "SELECT " + COLUMNS + "\n" + FILTER + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    private static final String COUNT = "SELECT count(*)\n" + FILTER;
    private static final String MARK_PROCESSING = """
            UPDATE knowledge_sources
               SET sync_status = 'processing', error_message = NULL, error_code = NULL, processing_started_at = now(),
                   processing_completed_at = NULL, chunks_total = NULL, chunks_embedded = 0
             WHERE id = ? AND chatbot_id = ? AND organization_id = ?""";
    private static final String MARK_PENDING = """
            UPDATE knowledge_sources SET sync_status = 'pending', error_message = NULL, error_code = NULL
             WHERE id = ? AND chatbot_id = ? AND organization_id = ? AND sync_status <> 'processing'""";
    private static final String PROGRESS = """
            UPDATE knowledge_sources SET chunks_embedded = ?, chunks_total = ?
             WHERE id = ? AND chatbot_id = ? AND organization_id = ? AND sync_status = 'processing'""";
    private static final String MARK_SYNCED_UNCHANGED = """
            UPDATE knowledge_sources
               SET sync_status = 'synced', error_message = NULL, error_code = NULL, content_hash = coalesce(?, content_hash),
                   chunks_total = chunks_count, chunks_embedded = chunks_count,
                   last_synced_at = now(), processing_completed_at = now()
             WHERE id = ? AND chatbot_id = ? AND organization_id = ?""";
    private static final String MARK_FAILED = """
            UPDATE knowledge_sources
               SET sync_status = 'failed', error_message = ?, error_code = ?, processing_completed_at = now()
             WHERE id = ? AND chatbot_id = ? AND organization_id = ?""";
    private static final String UNCHANGED = """
            SELECT EXISTS (SELECT 1 FROM knowledge_sources
                            WHERE id = ? AND chatbot_id = ? AND organization_id = ? AND content_hash = ?
                              AND embedding_model = ? AND chunks_count > 0)""";
    private static final String BY_CONTENT_HASH = """
            SELECT id FROM knowledge_sources
             WHERE chatbot_id = ? AND organization_id = ? AND content_hash = ? AND chunks_count > 0
             ORDER BY last_synced_at DESC NULLS LAST, id LIMIT 1""";
    private static final String LOCK_SOURCE = """
            SELECT source_type, name FROM knowledge_sources WHERE id = ? AND chatbot_id = ? AND organization_id = ?
               FOR NO KEY UPDATE""";
    private static final String DELETE_CHUNKS = "DELETE FROM document_chunks WHERE knowledge_source_id = ? AND chatbot_id = ?";
    private static final String INSERT_CHUNK = """
            INSERT INTO document_chunks (knowledge_source_id, chatbot_id, chunk_index, content, embedding, embedding_model, metadata)
            VALUES (?, ?, ?, ?, ?::vector, ?, ?::jsonb)""";
    private static final String MARK_SYNCED_WITH_CHUNKS = """
            UPDATE knowledge_sources
               SET sync_status = 'synced', error_message = NULL, error_code = NULL, content_hash = coalesce(?, content_hash),
                   embedding_model = ?, embedding_dimensions = ?, chunks_total = ?, chunks_embedded = ?,
                   last_synced_at = now(), processing_completed_at = now()
             WHERE id = ?""";
    private static final String DELETE = "DELETE FROM knowledge_sources WHERE id = ? AND chatbot_id = ? AND organization_id = ?";
    private static final String UNFINISHED = """
            SELECT organization_id, chatbot_id, id FROM knowledge_sources
             WHERE sync_status IN ('pending', 'processing') AND updated_at < now() - make_interval(secs => ?)
             ORDER BY updated_at LIMIT ?""";
    private static final String SOURCES_WITH_CHUNKS = "SELECT " + COLUMNS + "\n" + """
             FROM knowledge_sources WHERE chatbot_id = ? AND chunks_count > 0 ORDER BY created_at, id""";
    private static final String CHUNK_TEXTS = """
            SELECT id, content FROM document_chunks WHERE knowledge_source_id = ? AND chatbot_id = ? ORDER BY chunk_index""";
    private static final String COUNT_CHUNKS = "SELECT count(*) FROM document_chunks WHERE knowledge_source_id = ?";
    private static final String UPDATE_EMBEDDING = """
            UPDATE document_chunks SET embedding = ?::vector, embedding_model = ? WHERE id = ? AND knowledge_source_id = ?""";
    private static final String SET_SOURCE_MODEL = """
            UPDATE knowledge_sources SET embedding_model = ?, embedding_dimensions = ? WHERE id = ?""";

    // URL sources that asked to be fetched again every resync_interval_hours: claimed (next time moved on)
    // by one instance, SKIP LOCKED, before they are queued
    private static final String CLAIM_DUE_RESYNCS = """
            UPDATE knowledge_sources ks
               SET next_resync_at = now() + make_interval(hours => ks.resync_interval_hours), resync_requested_at = now()
             WHERE ks.id IN (SELECT d.id FROM knowledge_sources d
                              WHERE d.resync_enabled AND d.source_type = 'url' AND d.next_resync_at <= now()
                                AND d.sync_status <> 'processing'
                              ORDER BY d.next_resync_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING ks.organization_id, ks.chatbot_id, ks.id""";
    private static final String SET_RESYNC_SCHEDULE = """
            UPDATE knowledge_sources
               SET resync_enabled = ?::integer IS NOT NULL, resync_interval_hours = ?::integer,
                   next_resync_at = CASE WHEN ?::integer IS NULL THEN NULL ELSE now() + make_interval(hours => ?::integer) END
             WHERE id = ? AND chatbot_id = ? AND organization_id = ? AND source_type = 'url'""";
    private static final String RESYNC_SCHEDULE = """
            SELECT id, resync_enabled, resync_interval_hours, next_resync_at, resync_requested_at
              FROM knowledge_sources WHERE id = ? AND chatbot_id = ? AND organization_id = ?""";

    private static final long MIB = 1024L * 1024L;

    /** A source created, and the quota it counted against as it stood before. */
    public record Created(KnowledgeSource source, QuotaCheck quota) {
    }

    /** A chunk's id and text, for re-embedding. */
    public record ChunkText(UUID id, String content) {
    }

    private record QuotaState(boolean chatbotActive, boolean ragEnabled, long maxDocuments, long documents, long maxUrls,
                              long urls, long maxStorageMb, long storageBytes, long maxDaily, long today) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;

    public KnowledgeSources(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.mapper = mapper;
    }

    // ---------------------------------------------------------------------------------- creation

    /**
     * Checks, then creates a pending source with its original bytes, in one transaction. Order (first
     * failure wins): chatbot of the organisation ({@link KnowledgeNotFoundException}), chatbot active
     * and RAG enabled ({@link ChatbotNotAcceptingException}), then the quotas ({@link QuotaExceeded}):
     * storage (current + this source's bytes over the limit; landing exactly on it is allowed), today's
     * ingestions, then the document count (pdf/doc/docx) or the URL count (url). Nothing is written
     * when a check fails. The organisation row is locked meanwhile, so concurrent creations see each
     * other's counts.
     */
    public Created create(NewSource source) {
        return tx.execute(status -> {
            QuotaState q = quotaState(source.organizationId(), source.chatbotId(), true)
                    .orElseThrow(KnowledgeNotFoundException::chatbot);
            if (!q.chatbotActive()) {
                throw new ChatbotNotAcceptingException(ChatbotNotAcceptingException.Code.CHATBOT_DISABLED);
            }
            if (!q.ragEnabled()) {
                throw new ChatbotNotAcceptingException(ChatbotNotAcceptingException.Code.RAG_DISABLED);
            }
            QuotaCheck check = checkQuota(q, source.type(), source.sizeBytes());
            UUID id = jdbc.queryForObject(INSERT_SOURCE, UUID.class, source.organizationId(), source.chatbotId(),
                    source.type().dbValue(), source.name(), source.filePath(), source.originalFilename(),
                    source.contentType(), source.sizeBytes(), json(source.metadata()));
            if (source.content() != null) {
                jdbc.update(INSERT_CONTENT, id, source.content(), source.contentType(), ContentHash.sha256(source.content()));
            }
            KnowledgeSource created = find(new SourceRef(source.organizationId(), source.chatbotId(), id)).orElseThrow();
            return new Created(created, check);
        });
    }

    /**
     * The quota check alone, without creating anything (e.g. to refuse a request before reading its
     * body). Throws like {@link #create}; returns what the source would count against.
     */
    public QuotaCheck checkQuota(UUID organizationId, UUID chatbotId, SourceType type, long sizeBytes) {
        QuotaState q = quotaState(organizationId, chatbotId, false).orElseThrow(KnowledgeNotFoundException::chatbot);
        return checkQuota(q, type, sizeBytes);
    }

    private static QuotaCheck checkQuota(QuotaState q, SourceType type, long sizeBytes) {
        double currentMb = q.storageBytes() / (double) MIB;
        if (q.storageBytes() + sizeBytes > q.maxStorageMb() * MIB) {
            throw new QuotaExceeded(QuotaExceeded.Type.STORAGE_LIMIT_EXCEEDED, (long) currentMb, q.maxStorageMb(),
                    Math.max(0, (long) (q.maxStorageMb() - currentMb)));
        }
        if (q.today() >= q.maxDaily()) {
            throw new QuotaExceeded(QuotaExceeded.Type.DAILY_INGESTION_LIMIT_EXCEEDED, q.today(), q.maxDaily(), 0);
        }
        return switch (type.counter()) {
            case DOCUMENT -> {
                if (q.documents() >= q.maxDocuments()) {
                    throw new QuotaExceeded(QuotaExceeded.Type.PDF_LIMIT_EXCEEDED, q.documents(), q.maxDocuments(), 0);
                }
                yield new QuotaCheck("documents", q.documents(), q.maxDocuments(), q.maxDocuments() - q.documents());
            }
            case URL -> {
                if (q.urls() >= q.maxUrls()) {
                    throw new QuotaExceeded(QuotaExceeded.Type.URL_LIMIT_EXCEEDED, q.urls(), q.maxUrls(), 0);
                }
                yield new QuotaCheck("urls", q.urls(), q.maxUrls(), q.maxUrls() - q.urls());
            }
            case STORAGE_ONLY -> new QuotaCheck("storage_mb", (long) currentMb, q.maxStorageMb(),
                    Math.max(0, (long) (q.maxStorageMb() - currentMb)));
        };
    }

    private Optional<QuotaState> quotaState(UUID organizationId, UUID chatbotId, boolean lock) {
        if (lock && jdbc.queryForList(LOCK_ORGANIZATION, UUID.class, chatbotId, organizationId).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query(QUOTA_STATE, (rs, i) -> new QuotaState(rs.getBoolean("is_active"),
                rs.getBoolean("rag_enabled"), rs.getLong("max_knowledge_pdfs"), rs.getLong("current_knowledge_pdfs"),
                rs.getLong("max_knowledge_urls"), rs.getLong("current_knowledge_urls"), rs.getLong("max_knowledge_storage_mb"),
                rs.getLong("current_storage_bytes"), rs.getLong("max_knowledge_ingestions_per_day"), rs.getLong("today")),
                chatbotId, organizationId).stream().findFirst();
    }

    /** The organisation's knowledge quotas, or empty when the chatbot is not one of the organisation's. */
    public Optional<QuotaReport> quota(UUID organizationId, UUID chatbotId) {
        return quotaState(organizationId, chatbotId, false).map(q -> {
            double currentMb = Math.round(q.storageBytes() * 100.0 / MIB) / 100.0;
            return new QuotaReport(
                    new QuotaReport.Usage(q.documents(), q.maxDocuments(), q.maxDocuments() - q.documents()),
                    new QuotaReport.Usage(q.urls(), q.maxUrls(), q.maxUrls() - q.urls()),
                    new QuotaReport.Storage(q.storageBytes(), currentMb, q.maxStorageMb(),
                            Math.round((q.maxStorageMb() - q.storageBytes() / (double) MIB) * 100.0) / 100.0),
                    new QuotaReport.Usage(q.today(), q.maxDaily(), q.maxDaily() - q.today()));
        });
    }

    // ---------------------------------------------------------------------------------- reading

    public Optional<KnowledgeSource> find(SourceRef ref) {
        return jdbc.query(FIND, SOURCE, ref.sourceId(), ref.chatbotId(), ref.organizationId()).stream().findFirst();
    }

    /**
     * A page of the chatbot's sources, newest first; {@code status} and {@code type} filter when not
     * null. {@code page} starts at 1; {@code size} is clamped to 1..100.
     */
    public Page<KnowledgeSource> list(UUID organizationId, UUID chatbotId, SyncStatus status, SourceType type, int page, int size) {
        int p = Math.max(1, page);
        int s = Math.min(100, Math.max(1, size));
        String st = status == null ? null : status.dbValue();
        String ty = type == null ? null : type.dbValue();
        Long total = jdbc.queryForObject(COUNT, Long.class, chatbotId, organizationId, st, st, ty, ty);
        List<KnowledgeSource> items = jdbc.query(LIST, SOURCE, chatbotId, organizationId, st, st, ty, ty, s, (long) (p - 1) * s);
        return new Page<>(items, p, s, total == null ? 0 : total);
    }

    /** The original bytes, for (re)processing after a restart. */
    public Optional<StoredContent> content(SourceRef ref) {
        return jdbc.query(CONTENT, (rs, i) -> new StoredContent(rs.getBytes(1), rs.getString(2), rs.getString(3)),
                ref.sourceId(), ref.chatbotId(), ref.organizationId()).stream().findFirst();
    }

    /**
     * Stores (or replaces) the original bytes, e.g. a URL's fetched page. The source's size and so the
     * organisation's storage counter follow (trigger). Not quota-checked: page sizes are limited by the fetcher.
     */
    public void storeContent(SourceRef ref, byte[] content, String contentType) {
        int n = jdbc.update(UPSERT_CONTENT, content, contentType, ContentHash.sha256(content),
                ref.sourceId(), ref.chatbotId(), ref.organizationId());
        if (n == 0) {
            throw KnowledgeNotFoundException.source();
        }
    }

    /**
     * True when the source's searchable chunks were made from content with this hash by this model:
     * re-processing it would change nothing, so do not re-embed (call {@link #markSyncedUnchanged}).
     */
    public boolean isUnchanged(SourceRef ref, String contentHash, String embeddingModel) {
        return Boolean.TRUE.equals(jdbc.queryForObject(UNCHANGED, Boolean.class, ref.sourceId(), ref.chatbotId(),
                ref.organizationId(), contentHash, embeddingModel));
    }

    /** Another source of the chatbot already synced from content with this hash (e.g. the same file uploaded twice). */
    public Optional<UUID> findByContentHash(UUID organizationId, UUID chatbotId, String contentHash) {
        return jdbc.queryForList(BY_CONTENT_HASH, UUID.class, chatbotId, organizationId, contentHash).stream().findFirst();
    }

    /** Sources left pending or processing for longer than {@code idleFor} (e.g. by a stopped instance), oldest first. */
    public List<SourceRef> unfinished(Duration idleFor, int limit) {
        return jdbc.query(UNFINISHED, (rs, i) -> new SourceRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class)), idleFor.toSeconds(), limit);
    }

    /** URL sources whose periodic re-sync is due, claimed for this run (their next time is moved on). */
    public List<SourceRef> claimDueResyncs(int limit) {
        return jdbc.query(CLAIM_DUE_RESYNCS, (rs, i) -> new SourceRef(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)), limit);
    }

    /**
     * Asks for a URL source to be fetched again every {@code intervalHours} (null: never). False when the
     * source is not a URL source of this chatbot.
     */
    public boolean scheduleResync(SourceRef ref, Integer intervalHours) {
        return jdbc.update(SET_RESYNC_SCHEDULE, intervalHours, intervalHours, intervalHours, intervalHours,
                ref.sourceId(), ref.chatbotId(), ref.organizationId()) > 0;
    }

    public Optional<java.util.Map<String, Object>> resyncSchedule(SourceRef ref) {
        return jdbc.queryForList(RESYNC_SCHEDULE, ref.sourceId(), ref.chatbotId(), ref.organizationId()).stream().findFirst();
    }

    // ---------------------------------------------------------------------------------- status

    /** pending/synced/failed → processing: clears the error and the progress, stamps the start. False when not found. */
    public boolean markProcessing(SourceRef ref) {
        return jdbc.update(MARK_PROCESSING, ref.sourceId(), ref.chatbotId(), ref.organizationId()) > 0;
    }

    /**
     * synced/failed/pending → pending, error cleared, e.g. when a resync is queued (the chunks stay
     * searchable meanwhile). False when not found or processing right now (the queued request then
     * runs after the current one).
     */
    public boolean markPending(SourceRef ref) {
        return jdbc.update(MARK_PENDING, ref.sourceId(), ref.chatbotId(), ref.organizationId()) > 0;
    }

    /** Progress while processing: {@code embedded} of {@code total} chunks. Ignored unless the source is processing. */
    public void progress(SourceRef ref, int embedded, int total) {
        jdbc.update(PROGRESS, embedded, total, ref.sourceId(), ref.chatbotId(), ref.organizationId());
    }

    /** Processing found the content unchanged: synced again with the chunks it has. */
    public boolean markSyncedUnchanged(SourceRef ref, String contentHash) {
        return jdbc.update(MARK_SYNCED_UNCHANGED, contentHash, ref.sourceId(), ref.chatbotId(), ref.organizationId()) > 0;
    }

    /**
     * Processing failed, with a code and a message a user can read. The chunks of the last successful sync stay
     * searchable.
     */
    public boolean markFailed(SourceRef ref, String code, String error) {
        String message = error == null || error.isBlank() ? "Processing failed" : error;
        return jdbc.update(MARK_FAILED, message.length() > 2000 ? message.substring(0, 2000) : message, code,
                ref.sourceId(), ref.chatbotId(), ref.organizationId()) > 0;
    }

    // ---------------------------------------------------------------------------------- chunks

    /**
     * Replaces all chunks of the source with these (index = position) and marks it synced with this
     * content hash and model, in ONE transaction: if anything fails, nothing changed and the previous
     * chunks are still searchable. Every embedding must have {@code dimensions} floats. Metadata gets
     * {@code chunk_index}, {@code source_type} and {@code source_name} when absent. Returns the chunk count.
     */
    public int replaceChunks(SourceRef ref, List<ChunkToStore> chunks, String model, int dimensions, String contentHash) {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).embedding().length != dimensions) {
                throw new IllegalArgumentException("chunk " + i + " has an embedding of " + chunks.get(i).embedding().length
                        + " dimensions, expected " + dimensions);
            }
        }
        Integer stored = tx.execute(status -> {
            Map<String, Object> source = jdbc.query(LOCK_SOURCE, (rs, i) -> Map.<String, Object>of(
                    "source_type", rs.getString(1), "source_name", rs.getString(2)),
                    ref.sourceId(), ref.chatbotId(), ref.organizationId()).stream().findFirst()
                    .orElseThrow(KnowledgeNotFoundException::source);
            jdbc.update(DELETE_CHUNKS, ref.sourceId(), ref.chatbotId());
            List<Object[]> rows = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                ChunkToStore chunk = chunks.get(i);
                Map<String, Object> metadata = new LinkedHashMap<>(chunk.metadata());
                metadata.putIfAbsent("chunk_index", i);
                metadata.putIfAbsent("source_type", source.get("source_type"));
                metadata.putIfAbsent("source_name", source.get("source_name"));
                rows.add(new Object[] {ref.sourceId(), ref.chatbotId(), i, withoutNul(chunk.content()),
                        Vectors.literal(chunk.embedding()), model, json(metadata)});
            }
            for (int from = 0; from < rows.size(); from += 500) {
                jdbc.batchUpdate(INSERT_CHUNK, rows.subList(from, Math.min(from + 500, rows.size())));
            }
            boolean any = !chunks.isEmpty();
            jdbc.update(MARK_SYNCED_WITH_CHUNKS, contentHash, any ? model : null, any ? dimensions : null,
                    chunks.size(), chunks.size(), ref.sourceId());
            return chunks.size();
        });
        return stored == null ? 0 : stored;
    }

    /** Deletes the source, its chunks and its stored content; the organisation's counters give its share back. */
    public boolean delete(SourceRef ref) {
        return jdbc.update(DELETE, ref.sourceId(), ref.chatbotId(), ref.organizationId()) > 0;
    }

    // ---------------------------------------------------------------------------------- re-embedding

    /** The chatbot's sources that have chunks, oldest first (for re-embedding: an operator command, by chatbot). */
    public List<KnowledgeSource> sourcesWithChunks(UUID chatbotId) {
        return jdbc.query(SOURCES_WITH_CHUNKS, SOURCE, chatbotId);
    }

    /** The ids and texts of a source's chunks in index order. */
    public List<ChunkText> chunkTexts(SourceRef ref) {
        return jdbc.query(CHUNK_TEXTS, (rs, i) -> new ChunkText(rs.getObject(1, UUID.class), rs.getString(2)),
                ref.sourceId(), ref.chatbotId());
    }

    /**
     * Sets new embeddings on exactly these chunks and the source's model, in one transaction. Fails
     * with {@link IllegalStateException} (and changes nothing) when the source's chunks are no longer
     * exactly these, i.e. it was re-processed meanwhile.
     */
    public void replaceEmbeddings(SourceRef ref, List<UUID> chunkIds, List<float[]> embeddings, String model, int dimensions) {
        if (chunkIds.size() != embeddings.size()) {
            throw new IllegalArgumentException(chunkIds.size() + " chunks but " + embeddings.size() + " embeddings");
        }
        tx.executeWithoutResult(status -> {
            jdbc.query(LOCK_SOURCE, (rs, i) -> 1, ref.sourceId(), ref.chatbotId(), ref.organizationId()).stream()
                    .findFirst().orElseThrow(KnowledgeNotFoundException::source);
            Long present = jdbc.queryForObject(COUNT_CHUNKS, Long.class, ref.sourceId());
            List<Object[]> rows = new ArrayList<>(chunkIds.size());
            for (int i = 0; i < chunkIds.size(); i++) {
                if (embeddings.get(i).length != dimensions) {
                    throw new IllegalArgumentException("embedding " + i + " has " + embeddings.get(i).length
                            + " dimensions, expected " + dimensions);
                }
                rows.add(new Object[] {Vectors.literal(embeddings.get(i)), model, chunkIds.get(i), ref.sourceId()});
            }
            int updated = 0;
            for (int from = 0; from < rows.size(); from += 500) {
                for (int n : jdbc.batchUpdate(UPDATE_EMBEDDING, rows.subList(from, Math.min(from + 500, rows.size())))) {
                    updated += Math.max(n, 0);
                }
            }
            if (present == null || present != chunkIds.size() || updated != chunkIds.size()) {
                throw new IllegalStateException("the chunks of source " + ref.sourceId() + " changed while it was re-embedded");
            }
            jdbc.update(SET_SOURCE_MODEL, chunkIds.isEmpty() ? null : model, chunkIds.isEmpty() ? null : dimensions,
                    ref.sourceId());
        });
    }

    // ---------------------------------------------------------------------------------- helpers

    private static final RowMapper<KnowledgeSource> SOURCE = KnowledgeSources::source;

    private static KnowledgeSource source(ResultSet rs, int row) throws SQLException {
        return new KnowledgeSource(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("chatbot_id", UUID.class), SourceType.fromDb(rs.getString("source_type")), rs.getString("name"),
                rs.getString("file_path"), rs.getString("original_filename"), rs.getString("content_type"),
                rs.getString("content_hash"), rs.getLong("file_size_bytes"), SyncStatus.fromDb(rs.getString("sync_status")),
                rs.getString("error_message"), rs.getString("error_code"), rs.getInt("chunks_count"),
                (Integer) rs.getObject("chunks_total"), rs.getInt("chunks_embedded"), rs.getString("embedding_model"), (Integer) rs.getObject("embedding_dimensions"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_synced_at"),
                instant(rs, "processing_started_at"), instant(rs, "processing_completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** PostgreSQL text cannot hold NUL characters (some PDFs' text has them). */
    private static String withoutNul(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    private String json(Map<String, Object> value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serialisable as JSON: " + e.getMessage(), e);
        }
    }
}
