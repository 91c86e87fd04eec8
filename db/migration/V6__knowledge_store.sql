-- WhatsApp Agent Hub schema, part 6: knowledge store and retrieval fixes.
--
-- Why this migration:
-- 1. knowledge_sources.embedding_model / embedding_dimensions defaulted to the old system's
--    'text-embedding-ada-002' / 1536, so a source that was never embedded (or whose chunks carry no
--    embedding) claimed a model it does not have. They now say what the source's chunks really
--    carry (set by the store when it writes chunks, NULL otherwise). Search uses them to decide,
--    without scanning chunks, whether a chatbot's knowledge was embedded with the configured model
--    and how many chunks the vector search will see.
-- 2. search_knowledge_base (and the hybrid search built on it) ran its nearest-neighbour query with
--    a cached generic plan and always let the planner choose. For a chatbot with few chunks in a big
--    table a filtered HNSW scan can stop before it found them (hnsw.max_scan_tuples), and for a big
--    one the planner may sort every chunk of the chatbot instead of using the index. Now:
--    a chatbot with at most p_exact_scan_limit chunks of the query's model is searched exactly (its
--    chunks through the chatbot index, perfect recall); a bigger one through the partial HNSW index
--    of its dimension with an iterative scan (relaxed order, re-sorted by distance) and
--    hnsw.ef_search = max(p_ef_search, match count); if that scan returns fewer rows than asked
--    while the chatbot has more, the exact scan answers instead.
--    p_exact_scan_limit NULL (the default) = automatic: the index is used only when it reads fewer
--    rows than the exact scan. A filtered index scan reads about ef_search / share rows (share = the
--    chatbot's part of the table) at ~40 us each, the exact scan all the chatbot's chunks at ~3 us
--    each (measured on 2 cores, bench/RESULTS.md), so the index wins for
--    chunks > sqrt(13 * ef_search * table rows); never below 10,000 chunks. At 300,000 rows and
--    ef_search 64 that is 15,800 chunks: a chatbot of 5,000 chunks is searched exactly in 15 ms
--    (the filtered index took 130 ms and found 92 % of its true top 5), one of 100,000 by the
--    index in 15 ms (exact: 0.7 s).
-- 3. search_knowledge_hybrid computed a similarity for full-text-only hits also when the chunk was
--    embedded with another model of the same dimension, and had no way to pass the tuning above.
-- 4. The full-text search is planned for the actual chatbot on every call (force_custom_plan), and
--    both candidate functions declare the few rows they return, so the fused candidates are looked
--    up by id (it hashed all the chatbot's chunks: 1.3 s instead of milliseconds at 100,000 chunks).

-- The function SET clauses below name pgvector's settings (hnsw.*). PostgreSQL lets a role that is
-- not a superuser set them only once the extension's library is loaded in the session, which a
-- migration run in a fresh session has not done yet: using any vector function loads it.
SELECT vector_dims('[1]'::vector);

-- 1. Source-level embedding model = the model of the source's chunks ---------------------------
ALTER TABLE knowledge_sources ALTER COLUMN embedding_model DROP DEFAULT;
ALTER TABLE knowledge_sources ALTER COLUMN embedding_dimensions DROP DEFAULT;
UPDATE knowledge_sources ks
   SET embedding_model = m.embedding_model, embedding_dimensions = m.embedding_dimensions
  FROM (SELECT ks2.id,
               (SELECT dc.embedding_model FROM document_chunks dc
                 WHERE dc.knowledge_source_id = ks2.id AND dc.embedding IS NOT NULL
                 GROUP BY dc.embedding_model ORDER BY count(*) DESC LIMIT 1) AS embedding_model,
               (SELECT dc.embedding_dimensions FROM document_chunks dc
                 WHERE dc.knowledge_source_id = ks2.id AND dc.embedding IS NOT NULL
                 GROUP BY dc.embedding_dimensions ORDER BY count(*) DESC LIMIT 1) AS embedding_dimensions
          FROM knowledge_sources ks2) m
 WHERE ks.id = m.id;
COMMENT ON COLUMN knowledge_sources.embedding_model IS 'Model of the embeddings of the source''s chunks (NULL: no embedded chunks). Written with the chunks; search reads it to choose between hybrid and full-text-only search.';
COMMENT ON COLUMN knowledge_sources.embedding_dimensions IS 'Dimensions of the embeddings of the source''s chunks (NULL: no embedded chunks).';
CREATE INDEX knowledge_sources_chatbot_embedding_model_idx ON knowledge_sources (chatbot_id, embedding_model, embedding_dimensions)
    WHERE chunks_count > 0;

-- 2. Nearest chunks of one chatbot ---------------------------------------------------------------
-- Returns the p_match_count nearest chunks (cosine distance) of the chatbot among its chunks of the
-- query's dimension (and of p_embedding_model when given), nearest first. No threshold.
CREATE FUNCTION knowledge_nearest_chunks(
    p_chatbot_id       uuid,
    p_query_embedding  vector,
    p_match_count      integer DEFAULT 5,
    p_embedding_model  text DEFAULT NULL,
    p_ef_search        integer DEFAULT NULL,
    p_exact_scan_limit integer DEFAULT NULL
) RETURNS TABLE (chunk_id uuid, distance double precision)
LANGUAGE plpgsql STABLE ROWS 40
SET hnsw.iterative_scan = 'relaxed_order'
SET hnsw.ef_search = 40
SET enable_sort = on
SET plan_cache_mode = 'force_custom_plan'
AS $$
#variable_conflict use_column
DECLARE
    v_dims      integer := vector_dims(p_query_embedding);
    v_chunks    bigint;
    v_ef        integer := least(greatest(coalesce(p_ef_search, 40), p_match_count, 1), 1000);
    v_limit     double precision := p_exact_scan_limit;
    v_rows      double precision;
    v_ids       uuid[];
    v_distances double precision[];
BEGIN
    IF p_chatbot_id IS NULL OR p_query_embedding IS NULL OR coalesce(p_match_count, 0) <= 0 THEN
        RETURN;
    END IF;

    IF v_dims IN (384, 1536) THEN
        -- How many chunks the vector search sees, from the per-source counts (no chunk scan).
        SELECT coalesce(sum(ks.chunks_count), 0) INTO v_chunks
          FROM knowledge_sources ks
         WHERE ks.chatbot_id = p_chatbot_id AND ks.chunks_count > 0
           AND ks.embedding_dimensions = v_dims
           AND (p_embedding_model IS NULL OR ks.embedding_model = p_embedding_model);

        IF v_limit IS NULL THEN
            SELECT greatest(c.reltuples, 0) INTO v_rows FROM pg_class c WHERE c.oid = 'document_chunks'::regclass;
            v_limit := greatest(10000, sqrt(13.0 * v_ef * coalesce(v_rows, 0)));
        END IF;

        IF v_chunks > v_limit THEN
            -- Restricted to this call by the function's own SET clause.
            -- The index stream comes in relaxed order: take ef_search rows from it, re-sort them
            -- exactly and keep the p_match_count nearest.
            PERFORM set_config('hnsw.ef_search', v_ef::text, true);
            -- The order must come from the index: a plan that sorts the chatbot's chunks is what
            -- the exact branch below is for. (Both settings are restored when the function returns.)
            PERFORM set_config('enable_sort', 'off', true);
            IF v_dims = 384 THEN
                SELECT array_agg(n.id ORDER BY n.distance, n.id), array_agg(n.distance ORDER BY n.distance, n.id)
                  INTO v_ids, v_distances
                  FROM (SELECT dc.id, (dc.embedding::vector(384) <=> p_query_embedding::vector(384))::double precision AS distance
                          FROM document_chunks dc
                         WHERE dc.chatbot_id = p_chatbot_id
                           AND dc.embedding_dimensions = 384
                           AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
                         ORDER BY dc.embedding::vector(384) <=> p_query_embedding::vector(384)
                         LIMIT v_ef) n;
            ELSE
                SELECT array_agg(n.id ORDER BY n.distance, n.id), array_agg(n.distance ORDER BY n.distance, n.id)
                  INTO v_ids, v_distances
                  FROM (SELECT dc.id, (dc.embedding::vector(1536) <=> p_query_embedding::vector(1536))::double precision AS distance
                          FROM document_chunks dc
                         WHERE dc.chatbot_id = p_chatbot_id
                           AND dc.embedding_dimensions = 1536
                           AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
                         ORDER BY dc.embedding::vector(1536) <=> p_query_embedding::vector(1536)
                         LIMIT v_ef) n;
            END IF;
            IF coalesce(cardinality(v_ids), 0) >= least(p_match_count, v_chunks) THEN
                RETURN QUERY SELECT u.id, u.distance FROM unnest(v_ids[1:p_match_count], v_distances[1:p_match_count]) AS u(id, distance);
                RETURN;
            END IF;
            -- The filtered index scan stopped early: fall through to the exact scan.
            PERFORM set_config('enable_sort', 'on', true);
        END IF;
    END IF;

    -- Exact scan of the chatbot's chunks of this dimension (uncast: no index matches, so the
    -- chatbot index selects the rows and they are sorted by distance).
    RETURN QUERY
    SELECT dc.id, (dc.embedding <=> p_query_embedding)::double precision
      FROM document_chunks dc
     WHERE dc.chatbot_id = p_chatbot_id
       AND dc.embedding_dimensions = v_dims
       AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
     ORDER BY dc.embedding <=> p_query_embedding, dc.id
     LIMIT p_match_count;
END
$$;
COMMENT ON FUNCTION knowledge_nearest_chunks(uuid, vector, integer, text, integer, integer) IS
    'Nearest chunks of one chatbot: exact for up to p_exact_scan_limit chunks (NULL: automatic, at least 10,000), partial HNSW index (iterative scan) above, exact again if the index scan came back short.';

-- Vector similarity search (same signature as before plus the two tuning parameters).
DROP FUNCTION search_knowledge_base(uuid, vector, integer, double precision, text);
CREATE FUNCTION search_knowledge_base(
    p_chatbot_id           uuid,
    p_query_embedding      vector,
    p_match_count          integer DEFAULT 5,
    p_similarity_threshold double precision DEFAULT 0.7,
    p_embedding_model      text DEFAULT NULL,
    p_ef_search            integer DEFAULT NULL,
    p_exact_scan_limit     integer DEFAULT NULL
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
LANGUAGE sql STABLE AS $$
    SELECT dc.id, dc.content, 1 - n.distance, ks.name, ks.source_type, dc.metadata,
           dc.knowledge_source_id, dc.chunk_index, dc.embedding_model
      FROM knowledge_nearest_chunks(p_chatbot_id, p_query_embedding, p_match_count, p_embedding_model,
                                    p_ef_search, p_exact_scan_limit) n
      JOIN document_chunks dc ON dc.id = n.chunk_id
      JOIN knowledge_sources ks ON ks.id = dc.knowledge_source_id
     WHERE p_similarity_threshold IS NULL OR 1 - n.distance >= p_similarity_threshold
     ORDER BY n.distance, dc.id
$$;

-- 3. Hybrid search -------------------------------------------------------------------------------
-- Vector candidates and full-text candidates (p_candidates each) fused with reciprocal rank fusion,
-- score = sum of 1 / (p_rrf_k + position). The threshold is applied after fusion, to the cosine
-- similarity of each fused chunk; a chunk without a comparable embedding (other model or
-- dimension) has none and is dropped by a threshold. NULL query embedding = full text only (no
-- similarities; pass a NULL threshold). Ordered by score, best first.
DROP FUNCTION search_knowledge_hybrid(uuid, vector, text, integer, double precision, text, integer, integer);
CREATE FUNCTION search_knowledge_hybrid(
    p_chatbot_id           uuid,
    p_query_embedding      vector,
    p_query_text           text,
    p_match_count          integer DEFAULT 5,
    p_similarity_threshold double precision DEFAULT NULL,
    p_embedding_model      text DEFAULT NULL,
    p_candidates           integer DEFAULT 40,
    p_rrf_k                integer DEFAULT 60,
    p_ef_search            integer DEFAULT NULL,
    p_exact_scan_limit     integer DEFAULT NULL
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
    chunk_index         integer,
    embedding_model     text
)
LANGUAGE sql STABLE AS $$
    WITH v AS (
        SELECT n.chunk_id, 1 - n.distance AS similarity,
               row_number() OVER (ORDER BY n.distance, n.chunk_id)::int AS pos
          FROM knowledge_nearest_chunks(p_chatbot_id, p_query_embedding, p_candidates, p_embedding_model,
                                        p_ef_search, p_exact_scan_limit) n
    ), t AS (
        SELECT s.chunk_id, s.rank,
               row_number() OVER (ORDER BY s.rank DESC, s.chunk_id)::int AS pos
          FROM search_knowledge_base_text(p_chatbot_id, p_query_text, p_candidates, NULL) s
    ), fused AS MATERIALIZED (  -- a few dozen rows: joined to their chunks by primary key
        SELECT coalesce(v.chunk_id, t.chunk_id) AS chunk_id,
               v.similarity, t.rank, v.pos AS vpos, t.pos AS tpos,
               coalesce(1.0 / (p_rrf_k + v.pos), 0) + coalesce(1.0 / (p_rrf_k + t.pos), 0) AS score
          FROM v FULL JOIN t ON t.chunk_id = v.chunk_id
    ), scored AS (
        SELECT f.chunk_id, f.score::double precision AS score,
               coalesce(f.similarity,
                        CASE WHEN dc.embedding_dimensions = vector_dims(p_query_embedding)
                                  AND (p_embedding_model IS NULL OR dc.embedding_model = p_embedding_model)
                             THEN 1 - (dc.embedding <=> p_query_embedding) END)::double precision AS similarity,
               f.rank, f.vpos, f.tpos,
               dc.content, ks.name AS source_name, ks.source_type, dc.metadata, dc.knowledge_source_id,
               dc.chunk_index, dc.embedding_model
          FROM fused f
          JOIN document_chunks dc ON dc.id = f.chunk_id
          JOIN knowledge_sources ks ON ks.id = dc.knowledge_source_id
         WHERE dc.chatbot_id = p_chatbot_id
    )
    SELECT s.chunk_id, s.content, s.score, s.similarity, s.rank, s.vpos, s.tpos,
           s.source_name, s.source_type, s.metadata, s.knowledge_source_id, s.chunk_index, s.embedding_model
      FROM scored s
     WHERE p_similarity_threshold IS NULL OR s.similarity >= p_similarity_threshold
     ORDER BY s.score DESC, s.similarity DESC NULLS LAST, s.chunk_id
     LIMIT greatest(coalesce(p_match_count, 0), 0);
$$;

-- 4. Full text: plan for the actual chatbot on every call; it returns a few dozen rows, not the
--    default estimate of 1000 (which made the hybrid search join its candidates to all the chatbot's
--    chunks with a hash join instead of looking them up by id).
ALTER FUNCTION search_knowledge_base_text(uuid, text, integer, boolean) ROWS 40 SET plan_cache_mode = 'force_custom_plan';
