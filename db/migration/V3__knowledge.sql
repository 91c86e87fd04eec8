-- WhatsApp Agent Hub schema, part 3: the knowledge base.
-- knowledge_sources (+ their original content), daily_ingestion_counts, document_chunks
-- (embedding + full-text vector), quota counters, chunk counts, search functions.

-- ---------------------------------------------------------------------------------------------
-- knowledge_sources: a document, URL or text given to a chatbot
-- ---------------------------------------------------------------------------------------------
CREATE TABLE knowledge_sources (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id         uuid NOT NULL,
    chatbot_id              uuid NOT NULL,
    source_type             text NOT NULL
                            CHECK (source_type IN ('pdf', 'doc', 'docx', 'url', 'text', 'markdown', 'html')),
    name                    text NOT NULL,
    file_path               text,
    original_filename       text,
    content_type            text,
    content_hash            text,
    file_size_bytes         bigint DEFAULT 0 CHECK (file_size_bytes >= 0),

    sync_status             text NOT NULL DEFAULT 'pending'
                            CHECK (sync_status IN ('pending', 'processing', 'synced', 'failed')),
    error_message           text,
    last_synced_at          timestamptz,
    processing_started_at   timestamptz,
    processing_completed_at timestamptz,

    chunks_count            integer NOT NULL DEFAULT 0 CHECK (chunks_count >= 0),
    chunks_total            integer CHECK (chunks_total >= 0),
    chunks_embedded         integer NOT NULL DEFAULT 0 CHECK (chunks_embedded >= 0),
    embedding_model         text DEFAULT 'text-embedding-ada-002',
    embedding_dimensions    integer DEFAULT 1536 CHECK (embedding_dimensions > 0),

    resync_enabled          boolean NOT NULL DEFAULT false,
    resync_interval_hours   integer CHECK (resync_interval_hours > 0),
    next_resync_at          timestamptz,
    resync_requested_at     timestamptz,

    metadata                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT knowledge_sources_id_chatbot_id_key UNIQUE (id, chatbot_id),
    CONSTRAINT knowledge_sources_chatbot_fkey FOREIGN KEY (chatbot_id, organization_id)
        REFERENCES chatbots (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT knowledge_sources_resync_check CHECK (NOT resync_enabled OR resync_interval_hours IS NOT NULL)
);
CREATE INDEX knowledge_sources_chatbot_id_created_at_idx ON knowledge_sources (chatbot_id, created_at DESC);
CREATE INDEX knowledge_sources_organization_id_idx ON knowledge_sources (organization_id);
CREATE INDEX knowledge_sources_chatbot_content_hash_idx ON knowledge_sources (chatbot_id, content_hash)
    WHERE content_hash IS NOT NULL;
CREATE INDEX knowledge_sources_next_resync_at_idx ON knowledge_sources (next_resync_at) WHERE resync_enabled;
CREATE INDEX knowledge_sources_unfinished_idx ON knowledge_sources (sync_status, updated_at)
    WHERE sync_status IN ('pending', 'processing');
CREATE TRIGGER knowledge_sources_fill_organization_id BEFORE INSERT ON knowledge_sources
    FOR EACH ROW EXECUTE FUNCTION fill_organization_id_from_chatbot();
CREATE TRIGGER knowledge_sources_set_updated_at BEFORE UPDATE ON knowledge_sources
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON TABLE knowledge_sources IS 'Documents, URLs and texts of a chatbot''s knowledge base, with sync status, progress and timings. Inserting, deleting or resizing one keeps the organisation''s knowledge counters true (triggers).';
COMMENT ON COLUMN knowledge_sources.file_path IS 'Storage key or file name of an upload; the URL for url sources.';
COMMENT ON COLUMN knowledge_sources.content_hash IS 'Hash of the source content at the last sync; unchanged content is not re-embedded.';
COMMENT ON COLUMN knowledge_sources.chunks_count IS 'Number of document_chunks rows of the source (maintained by trigger).';
COMMENT ON COLUMN knowledge_sources.chunks_total IS 'Progress while processing: chunks to embed.';
COMMENT ON COLUMN knowledge_sources.chunks_embedded IS 'Progress while processing: chunks embedded so far.';
COMMENT ON COLUMN knowledge_sources.embedding_model IS 'Model of the last successful sync (the chunks record their own model and dimensions).';

-- ---------------------------------------------------------------------------------------------
-- knowledge_source_content: the original upload / fetched page, so resync works after a restart
-- ---------------------------------------------------------------------------------------------
CREATE TABLE knowledge_source_content (
    knowledge_source_id uuid PRIMARY KEY REFERENCES knowledge_sources (id) ON DELETE CASCADE,
    content             bytea NOT NULL,
    content_type        text,
    size_bytes          bigint GENERATED ALWAYS AS (octet_length(content)) STORED,
    sha256              text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER knowledge_source_content_set_updated_at BEFORE UPDATE ON knowledge_source_content
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON TABLE knowledge_source_content IS 'Original bytes of a knowledge source (upload or last fetched page). Storing or replacing them sets knowledge_sources.file_size_bytes.';

-- ---------------------------------------------------------------------------------------------
-- daily_ingestion_counts: knowledge sources created per organisation per day
-- ---------------------------------------------------------------------------------------------
CREATE TABLE daily_ingestion_counts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    date            date NOT NULL DEFAULT CURRENT_DATE,
    ingestion_count integer NOT NULL DEFAULT 0 CHECK (ingestion_count >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT daily_ingestion_counts_organization_id_date_key UNIQUE (organization_id, date)
);
CREATE TRIGGER daily_ingestion_counts_set_updated_at BEFORE UPDATE ON daily_ingestion_counts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- document_chunks: chunks with embedding (384 or 1536 dims, or other) and full-text vector
-- ---------------------------------------------------------------------------------------------
CREATE TABLE document_chunks (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    knowledge_source_id  uuid NOT NULL,
    chatbot_id           uuid NOT NULL REFERENCES chatbots (id) ON DELETE CASCADE,
    chunk_index          integer NOT NULL CHECK (chunk_index >= 0),
    content              text NOT NULL,
    embedding            vector,
    embedding_model      text,
    embedding_dimensions integer,
    text_search_config   regconfig NOT NULL,
    content_tsv          tsvector GENERATED ALWAYS AS (to_tsvector(text_search_config, content)) STORED,
    metadata             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_chunks_knowledge_source_id_chunk_index_key UNIQUE (knowledge_source_id, chunk_index),
    CONSTRAINT document_chunks_source_fkey FOREIGN KEY (knowledge_source_id, chatbot_id)
        REFERENCES knowledge_sources (id, chatbot_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT document_chunks_embedding_check CHECK (
        (embedding IS NULL AND embedding_dimensions IS NULL)
        OR (embedding IS NOT NULL AND embedding_dimensions = vector_dims(embedding) AND embedding_model IS NOT NULL))
);
CREATE INDEX document_chunks_chatbot_id_idx ON document_chunks (chatbot_id);
CREATE INDEX document_chunks_content_tsv_idx ON document_chunks USING gin (content_tsv);
-- One partial HNSW index per embedding size. A query uses one only when it has exactly the same
-- shape: ORDER BY embedding::vector(384) <=> $q ... WHERE embedding_dimensions = 384.
CREATE INDEX document_chunks_embedding_384_hnsw_idx ON document_chunks
    USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dimensions = 384;
CREATE INDEX document_chunks_embedding_1536_hnsw_idx ON document_chunks
    USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_dimensions = 1536;

COMMENT ON TABLE document_chunks IS 'Chunks of knowledge sources: text, embedding (any dimension; 384 and 1536 have HNSW indexes), full-text vector, metadata (page, url, heading ...).';
COMMENT ON COLUMN document_chunks.embedding_dimensions IS 'vector_dims(embedding), set by trigger; selects the partial HNSW index.';
COMMENT ON COLUMN document_chunks.text_search_config IS 'Text search configuration of content_tsv; taken from chatbots.text_search_config when not given.';

-- BEFORE INSERT / UPDATE OF embedding: chatbot from the source, text search configuration from
-- the chatbot, embedding_dimensions from the vector itself (so it can never disagree).
CREATE FUNCTION document_chunks_prepare() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.chatbot_id IS NULL THEN
            SELECT ks.chatbot_id INTO NEW.chatbot_id FROM knowledge_sources ks WHERE ks.id = NEW.knowledge_source_id;
        END IF;
        IF NEW.text_search_config IS NULL THEN
            SELECT c.text_search_config INTO NEW.text_search_config FROM chatbots c WHERE c.id = NEW.chatbot_id;
            NEW.text_search_config := coalesce(NEW.text_search_config, 'simple'::regconfig);
        END IF;
    END IF;
    NEW.embedding_dimensions := vector_dims(NEW.embedding);
    RETURN NEW;
END
$$;
CREATE TRIGGER document_chunks_prepare BEFORE INSERT OR UPDATE OF embedding, embedding_dimensions ON document_chunks
    FOR EACH ROW EXECUTE FUNCTION document_chunks_prepare();

-- ---------------------------------------------------------------------------------------------
-- Chunk counts: knowledge_sources.chunks_count follows inserts, deletes and moves of chunks.
-- Statement-level with transition tables, so replacing 500 chunks updates the source once.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION document_chunks_count_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE knowledge_sources ks
       SET chunks_count = ks.chunks_count + d.n
      FROM (SELECT nr.knowledge_source_id, count(*)::int AS n FROM new_rows nr GROUP BY nr.knowledge_source_id) d
     WHERE ks.id = d.knowledge_source_id;
    RETURN NULL;
END
$$;
CREATE FUNCTION document_chunks_count_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE knowledge_sources ks
       SET chunks_count = GREATEST(ks.chunks_count - d.n, 0)
      FROM (SELECT orw.knowledge_source_id, count(*)::int AS n FROM old_rows orw GROUP BY orw.knowledge_source_id) d
     WHERE ks.id = d.knowledge_source_id;
    RETURN NULL;
END
$$;
CREATE FUNCTION document_chunks_count_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE knowledge_sources ks SET chunks_count = GREATEST(ks.chunks_count - 1, 0) WHERE ks.id = OLD.knowledge_source_id;
    UPDATE knowledge_sources ks SET chunks_count = ks.chunks_count + 1 WHERE ks.id = NEW.knowledge_source_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER document_chunks_count_inserted AFTER INSERT ON document_chunks
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION document_chunks_count_inserted();
CREATE TRIGGER document_chunks_count_deleted AFTER DELETE ON document_chunks
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION document_chunks_count_deleted();
CREATE TRIGGER document_chunks_count_moved AFTER UPDATE OF knowledge_source_id ON document_chunks
    FOR EACH ROW WHEN (OLD.knowledge_source_id IS DISTINCT FROM NEW.knowledge_source_id)
    EXECUTE FUNCTION document_chunks_count_moved();

-- ---------------------------------------------------------------------------------------------
-- Knowledge quota counters on organizations: increment AND decrement.
-- pdf/doc/docx count as documents (current_knowledge_pdfs), url as URLs
-- (current_knowledge_urls); every type counts its bytes in current_storage_bytes.
-- Each new source also counts one ingestion in daily_ingestion_counts (not given back on delete).
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION knowledge_counter_kind(p_source_type text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN p_source_type IN ('pdf', 'doc', 'docx') THEN 'document'
                WHEN p_source_type = 'url' THEN 'url'
                ELSE 'other' END
$$;

CREATE FUNCTION knowledge_sources_maintain_counters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE organizations o
           SET current_knowledge_pdfs = GREATEST(o.current_knowledge_pdfs
                   - CASE WHEN knowledge_counter_kind(OLD.source_type) = 'document' THEN 1 ELSE 0 END, 0),
               current_knowledge_urls = GREATEST(o.current_knowledge_urls
                   - CASE WHEN knowledge_counter_kind(OLD.source_type) = 'url' THEN 1 ELSE 0 END, 0),
               current_storage_bytes  = GREATEST(o.current_storage_bytes - coalesce(OLD.file_size_bytes, 0), 0)
         WHERE o.id = OLD.organization_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE organizations o
           SET current_knowledge_pdfs = o.current_knowledge_pdfs
                   + CASE WHEN knowledge_counter_kind(NEW.source_type) = 'document' THEN 1 ELSE 0 END,
               current_knowledge_urls = o.current_knowledge_urls
                   + CASE WHEN knowledge_counter_kind(NEW.source_type) = 'url' THEN 1 ELSE 0 END,
               current_storage_bytes  = o.current_storage_bytes + coalesce(NEW.file_size_bytes, 0)
         WHERE o.id = NEW.organization_id;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO daily_ingestion_counts AS d (organization_id, date, ingestion_count)
        VALUES (NEW.organization_id, CURRENT_DATE, 1)
        ON CONFLICT (organization_id, date) DO UPDATE SET ingestion_count = d.ingestion_count + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER knowledge_sources_counters_ins_del AFTER INSERT OR DELETE ON knowledge_sources
    FOR EACH ROW EXECUTE FUNCTION knowledge_sources_maintain_counters();
CREATE TRIGGER knowledge_sources_counters_upd AFTER UPDATE OF organization_id, source_type, file_size_bytes ON knowledge_sources
    FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id
                    OR OLD.source_type IS DISTINCT FROM NEW.source_type
                    OR OLD.file_size_bytes IS DISTINCT FROM NEW.file_size_bytes)
    EXECUTE FUNCTION knowledge_sources_maintain_counters();

-- Storing / replacing the original content sets the source's size (and so the storage counter).
CREATE FUNCTION knowledge_source_content_sync_size() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE knowledge_sources ks
       SET file_size_bytes = NEW.size_bytes
     WHERE ks.id = NEW.knowledge_source_id
       AND ks.file_size_bytes IS DISTINCT FROM NEW.size_bytes;
    RETURN NULL;
END
$$;
CREATE TRIGGER knowledge_source_content_sync_size AFTER INSERT OR UPDATE OF content ON knowledge_source_content
    FOR EACH ROW EXECUTE FUNCTION knowledge_source_content_sync_size();

-- Recomputes an organisation's knowledge counters from its sources (repair tool for operators).
CREATE FUNCTION recalculate_knowledge_counters(p_organization_id uuid) RETURNS void
LANGUAGE sql AS $$
    UPDATE organizations o
       SET current_knowledge_pdfs = s.pdfs,
           current_knowledge_urls = s.urls,
           current_storage_bytes  = s.bytes
      FROM (SELECT count(*) FILTER (WHERE knowledge_counter_kind(ks.source_type) = 'document')::int AS pdfs,
                   count(*) FILTER (WHERE knowledge_counter_kind(ks.source_type) = 'url')::int      AS urls,
                   coalesce(sum(coalesce(ks.file_size_bytes, 0)), 0)::bigint                         AS bytes
              FROM knowledge_sources ks
             WHERE ks.organization_id = p_organization_id) s
     WHERE o.id = p_organization_id;
$$;

-- ---------------------------------------------------------------------------------------------
-- Search
-- ---------------------------------------------------------------------------------------------

-- Vector similarity search over one chatbot's chunks.
-- The query vector's dimension selects the chunks (and the HNSW index) of that dimension;
-- p_embedding_model, when given, restricts to chunks embedded with that model.
-- similarity = 1 - cosine distance; rows below p_similarity_threshold (inclusive bound) are
-- dropped after taking the p_match_count nearest; NULL threshold = no threshold.
CREATE FUNCTION search_knowledge_base(
    p_chatbot_id           uuid,
    p_query_embedding      vector,
    p_match_count          integer DEFAULT 5,
    p_similarity_threshold double precision DEFAULT 0.7,
    p_embedding_model      text DEFAULT NULL
) RETURNS TABLE (
    chunk_id            uuid,
    content             text,
    similarity          double precision,
    source_name         text,
    source_type         text,
    metadata            jsonb,
    knowledge_source_id uuid,
    chunk_index         integer,
    embedding_model     text
)
LANGUAGE plpgsql STABLE
SET hnsw.iterative_scan = 'relaxed_order'
AS $$
#variable_conflict use_column
DECLARE
    v_dims integer := vector_dims(p_query_embedding);
BEGIN
    IF p_chatbot_id IS NULL OR p_query_embedding IS NULL OR coalesce(p_match_count, 0) <= 0 THEN
        RETURN;
    END IF;

    IF v_dims = 384 THEN
        RETURN QUERY
        SELECT n.id, n.content, (1 - n.distance)::double precision, ks.name, ks.source_type, n.metadata,
               n.knowledge_source_id, n.chunk_index, n.embedding_model
          FROM (SELECT dc.id, dc.content, dc.metadata, dc.knowledge_source_id, dc.chunk_index, dc.embedding_model,
                       dc.embedding::vector(384) <=> p_query_embedding::vector(384) AS distance
                  FROM document_chunks dc
                 WHERE dc.chatbot_id = p_chatbot_id
                   AND dc.embedding_dimensions = 384
                   AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
                 ORDER BY dc.embedding::vector(384) <=> p_query_embedding::vector(384)
                 LIMIT p_match_count) n
          JOIN knowledge_sources ks ON ks.id = n.knowledge_source_id
         WHERE p_similarity_threshold IS NULL OR 1 - n.distance >= p_similarity_threshold
         ORDER BY n.distance, n.id;
    ELSIF v_dims = 1536 THEN
        RETURN QUERY
        SELECT n.id, n.content, (1 - n.distance)::double precision, ks.name, ks.source_type, n.metadata,
               n.knowledge_source_id, n.chunk_index, n.embedding_model
          FROM (SELECT dc.id, dc.content, dc.metadata, dc.knowledge_source_id, dc.chunk_index, dc.embedding_model,
                       dc.embedding::vector(1536) <=> p_query_embedding::vector(1536) AS distance
                  FROM document_chunks dc
                 WHERE dc.chatbot_id = p_chatbot_id
                   AND dc.embedding_dimensions = 1536
                   AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
                 ORDER BY dc.embedding::vector(1536) <=> p_query_embedding::vector(1536)
                 LIMIT p_match_count) n
          JOIN knowledge_sources ks ON ks.id = n.knowledge_source_id
         WHERE p_similarity_threshold IS NULL OR 1 - n.distance >= p_similarity_threshold
         ORDER BY n.distance, n.id;
    ELSE
        -- Any other dimension: exact scan of the chatbot's chunks of that dimension (no index).
        RETURN QUERY
        SELECT n.id, n.content, (1 - n.distance)::double precision, ks.name, ks.source_type, n.metadata,
               n.knowledge_source_id, n.chunk_index, n.embedding_model
          FROM (SELECT dc.id, dc.content, dc.metadata, dc.knowledge_source_id, dc.chunk_index, dc.embedding_model,
                       dc.embedding <=> p_query_embedding AS distance
                  FROM document_chunks dc
                 WHERE dc.chatbot_id = p_chatbot_id
                   AND dc.embedding_dimensions = v_dims
                   AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
                 ORDER BY dc.embedding <=> p_query_embedding
                 LIMIT p_match_count) n
          JOIN knowledge_sources ks ON ks.id = n.knowledge_source_id
         WHERE p_similarity_threshold IS NULL OR 1 - n.distance >= p_similarity_threshold
         ORDER BY n.distance, n.id;
    END IF;
END
$$;

-- Full-text search over one chatbot's chunks, with the chatbot's text search configuration.
-- p_match_all: true = every word must match (websearch syntax: "phrases", -exclusions, or);
-- false = any word may match; NULL (default) = every word, and any word only when no chunk
-- matches every word. rank = ts_rank_cd (higher is better). The any-word form ranks every chunk
-- containing one of the words: with the 'simple' configuration (no stop words) that can be most
-- of a large knowledge base, so prefer a language configuration for large ones.
CREATE FUNCTION search_knowledge_base_text(
    p_chatbot_id  uuid,
    p_query       text,
    p_match_count integer DEFAULT 5,
    p_match_all   boolean DEFAULT NULL
) RETURNS TABLE (
    chunk_id            uuid,
    content             text,
    rank                real,
    source_name         text,
    source_type         text,
    metadata            jsonb,
    knowledge_source_id uuid,
    chunk_index         integer
)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    v_config regconfig;
    v_all    tsquery;
    v_any    tsquery;
    v_found  integer := 0;
BEGIN
    IF p_chatbot_id IS NULL OR p_query IS NULL OR btrim(p_query) = '' OR coalesce(p_match_count, 0) <= 0 THEN
        RETURN;
    END IF;
    SELECT c.text_search_config INTO v_config FROM chatbots c WHERE c.id = p_chatbot_id;
    IF v_config IS NULL THEN
        RETURN;
    END IF;

    v_all := websearch_to_tsquery(v_config, p_query);
    IF numnode(v_all) = 0 THEN
        RETURN;  -- nothing searchable (e.g. only stop words)
    END IF;

    IF p_match_all IS DISTINCT FROM false THEN
        RETURN QUERY
        SELECT dc.id, dc.content, ts_rank_cd(dc.content_tsv, v_all), ks.name, ks.source_type, dc.metadata,
               dc.knowledge_source_id, dc.chunk_index
          FROM document_chunks dc
          JOIN knowledge_sources ks ON ks.id = dc.knowledge_source_id
         WHERE dc.chatbot_id = p_chatbot_id
           AND dc.content_tsv @@ v_all
         ORDER BY ts_rank_cd(dc.content_tsv, v_all) DESC, dc.id
         LIMIT p_match_count;
        GET DIAGNOSTICS v_found = ROW_COUNT;
        IF p_match_all OR v_found > 0 THEN
            RETURN;
        END IF;
    END IF;

    -- Any-word query: the plain query's lexemes joined with OR (lexemes never contain spaces).
    v_any := replace(plainto_tsquery(v_config, p_query)::text, ' & ', ' | ')::tsquery;
    IF numnode(v_any) = 0 THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT dc.id, dc.content, ts_rank_cd(dc.content_tsv, v_any), ks.name, ks.source_type, dc.metadata,
           dc.knowledge_source_id, dc.chunk_index
      FROM document_chunks dc
      JOIN knowledge_sources ks ON ks.id = dc.knowledge_source_id
     WHERE dc.chatbot_id = p_chatbot_id
       AND dc.content_tsv @@ v_any
     ORDER BY ts_rank_cd(dc.content_tsv, v_any) DESC, dc.id
     LIMIT p_match_count;
END
$$;

-- Hybrid search: vector candidates and full-text candidates (p_candidates each) fused with
-- reciprocal rank fusion, score = sum of 1 / (p_rrf_k + position). The threshold is applied
-- after fusion, to the cosine similarity of each fused chunk (text-only candidates get theirs
-- computed); NULL = no threshold. Ordered by score, best first.
CREATE FUNCTION search_knowledge_hybrid(
    p_chatbot_id           uuid,
    p_query_embedding      vector,
    p_query_text           text,
    p_match_count          integer DEFAULT 5,
    p_similarity_threshold double precision DEFAULT NULL,
    p_embedding_model      text DEFAULT NULL,
    p_candidates           integer DEFAULT 40,
    p_rrf_k                integer DEFAULT 60
) RETURNS TABLE (
    chunk_id            uuid,
    content             text,
    score               double precision,
    similarity          double precision,
    text_rank           real,
    vector_position     integer,
    text_position       integer,
    source_name         text,
    source_type         text,
    metadata            jsonb,
    knowledge_source_id uuid,
    chunk_index         integer
)
LANGUAGE sql STABLE AS $$
    WITH v AS (
        SELECT s.chunk_id, s.similarity,
               row_number() OVER (ORDER BY s.similarity DESC, s.chunk_id)::int AS pos
          FROM search_knowledge_base(p_chatbot_id, p_query_embedding, p_candidates, NULL, p_embedding_model) s
    ), t AS (
        SELECT s.chunk_id, s.rank,
               row_number() OVER (ORDER BY s.rank DESC, s.chunk_id)::int AS pos
          FROM search_knowledge_base_text(p_chatbot_id, p_query_text, p_candidates, NULL) s
    ), fused AS (
        SELECT coalesce(v.chunk_id, t.chunk_id) AS chunk_id,
               v.similarity, t.rank, v.pos AS vpos, t.pos AS tpos,
               coalesce(1.0 / (p_rrf_k + v.pos), 0) + coalesce(1.0 / (p_rrf_k + t.pos), 0) AS score
          FROM v FULL JOIN t ON t.chunk_id = v.chunk_id
    ), scored AS (
        SELECT f.chunk_id, f.score::double precision AS score,
               coalesce(f.similarity,
                        CASE WHEN dc.embedding_dimensions = vector_dims(p_query_embedding)
                             THEN 1 - (dc.embedding <=> p_query_embedding) END)::double precision AS similarity,
               f.rank, f.vpos, f.tpos,
               dc.content, ks.name AS source_name, ks.source_type, dc.metadata, dc.knowledge_source_id, dc.chunk_index
          FROM fused f
          JOIN document_chunks dc ON dc.id = f.chunk_id
          JOIN knowledge_sources ks ON ks.id = dc.knowledge_source_id
         WHERE dc.chatbot_id = p_chatbot_id
    )
    SELECT s.chunk_id, s.content, s.score, s.similarity, s.rank, s.vpos, s.tpos,
           s.source_name, s.source_type, s.metadata, s.knowledge_source_id, s.chunk_index
      FROM scored s
     WHERE p_similarity_threshold IS NULL OR s.similarity >= p_similarity_threshold
     ORDER BY s.score DESC, s.similarity DESC NULLS LAST, s.chunk_id
     LIMIT greatest(coalesce(p_match_count, 0), 0);
$$;
