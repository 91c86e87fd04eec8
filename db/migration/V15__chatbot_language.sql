-- WhatsApp Agent Hub schema, part 15: a chatbot's language, and what an answer ended with.
--
-- 1. chatbots.language (ISO 639-1: es, en, pt, ...) chooses the text search configuration of the
--    chatbot's knowledge (chunks and queries): the language's Snowball stemmer after unaccent, so
--    "sábados" finds "sabado" and "envíos" finds "envio"; a language without a stemmer gets
--    'simple'. chatbots.text_search_config follows the language (trigger) and a change re-indexes the
--    chatbot's chunks. Existing chatbots get 'es' (the language of the default texts) and their
--    chunks are re-indexed here.
-- 2. Ties in the hybrid search: chunks with equal full-text ranks (or equal distances) share one
--    position in the fusion, and equal scores are ordered by source and chunk index instead of by
--    random chunk ids, so the same question gives the same answer every time.
-- 3. The fusion is weighted (the hub gives full text more weight when the embedding model does not
--    know the chatbot's language), and a passage that full text found is never dropped by the
--    similarity threshold: the threshold only filters passages found by their vectors alone.
-- 4. messages.finish_reason / max_iterations_reached: how the agent's answer ended.

-- unaccent is a trusted extension: the database owner may create it (db/setup.sh also does, as superuser).
CREATE EXTENSION IF NOT EXISTS unaccent;

-- 1. Languages --------------------------------------------------------------------------------
CREATE TABLE text_search_languages (
    language text PRIMARY KEY CHECK (language ~ '^[a-z]{2}$'),
    config   regconfig NOT NULL
);
COMMENT ON TABLE text_search_languages IS 'Text search configuration of each language with a stemmer; any other language uses simple.';

DO $$
DECLARE
    l record;
BEGIN
    FOR l IN SELECT * FROM (VALUES ('ar', 'arabic'), ('hy', 'armenian'), ('eu', 'basque'), ('ca', 'catalan'),
                                   ('da', 'danish'), ('nl', 'dutch'), ('en', 'english'), ('fi', 'finnish'),
                                   ('fr', 'french'), ('de', 'german'), ('el', 'greek'), ('hi', 'hindi'),
                                   ('hu', 'hungarian'), ('id', 'indonesian'), ('ga', 'irish'), ('it', 'italian'),
                                   ('lt', 'lithuanian'), ('ne', 'nepali'), ('no', 'norwegian'), ('pt', 'portuguese'),
                                   ('ro', 'romanian'), ('ru', 'russian'), ('sr', 'serbian'), ('es', 'spanish'),
                                   ('sv', 'swedish'), ('ta', 'tamil'), ('tr', 'turkish'), ('yi', 'yiddish')) AS v(code, name)
              WHERE EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = v.name)
    LOOP
        EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.%I)', 'hub_' || l.code, l.name);
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, '
                       || 'word, hword, hword_part WITH unaccent, %I', 'hub_' || l.code, l.name || '_stem');
        INSERT INTO text_search_languages VALUES (l.code, ('hub_' || l.code)::regconfig);
    END LOOP;
END
$$;

ALTER TABLE chatbots ADD COLUMN language text NOT NULL DEFAULT 'es' CHECK (language ~ '^[a-z]{2}$');
COMMENT ON COLUMN chatbots.language IS 'ISO 639-1 code of the language the chatbot speaks: its knowledge''s text search configuration (text_search_languages, else simple) and the hub''s own texts.';
COMMENT ON COLUMN chatbots.text_search_config IS 'Text search configuration of this chatbot''s knowledge, set from language (text_search_languages, else simple); changing it re-indexes the chunks.';

CREATE FUNCTION chatbots_set_text_search_config() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.text_search_config := coalesce((SELECT l.config FROM text_search_languages l WHERE l.language = NEW.language),
                                       'simple'::regconfig);
    RETURN NEW;
END
$$;
CREATE TRIGGER chatbots_set_text_search_config BEFORE INSERT OR UPDATE OF language, text_search_config ON chatbots
    FOR EACH ROW EXECUTE FUNCTION chatbots_set_text_search_config();

-- content_tsv is generated from text_search_config: updating it re-indexes the chunk.
CREATE FUNCTION chatbots_reindex_chunks() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE document_chunks SET text_search_config = NEW.text_search_config
     WHERE chatbot_id = NEW.id AND text_search_config IS DISTINCT FROM NEW.text_search_config;
    RETURN NULL;
END
$$;
-- not UPDATE OF: the configuration changes in the BEFORE trigger, outside the statement's SET list
CREATE TRIGGER chatbots_reindex_chunks AFTER UPDATE ON chatbots
    FOR EACH ROW WHEN (OLD.text_search_config IS DISTINCT FROM NEW.text_search_config)
    EXECUTE FUNCTION chatbots_reindex_chunks();

UPDATE chatbots SET language = language;  -- sets text_search_config, which re-indexes the chunks

-- 2 and 3. Hybrid search: weighted fusion, shared positions for ties, threshold only for vector-only hits --
DROP FUNCTION search_knowledge_hybrid(uuid, vector, text, integer, double precision, text, integer, integer, integer, integer);
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
    p_exact_scan_limit     integer DEFAULT NULL,
    p_vector_weight        double precision DEFAULT 1,
    p_text_weight          double precision DEFAULT 1
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
               rank() OVER (ORDER BY n.distance)::int AS pos
          FROM knowledge_nearest_chunks(p_chatbot_id, p_query_embedding, p_candidates, p_embedding_model,
                                        p_ef_search, p_exact_scan_limit) n
    ), t AS (
        SELECT s.chunk_id, s.rank,
               rank() OVER (ORDER BY s.rank DESC)::int AS pos
          FROM search_knowledge_base_text(p_chatbot_id, p_query_text, p_candidates, NULL) s
    ), fused AS MATERIALIZED (  -- a few dozen rows: joined to their chunks by primary key
        SELECT coalesce(v.chunk_id, t.chunk_id) AS chunk_id,
               v.similarity, t.rank, v.pos AS vpos, t.pos AS tpos,
               coalesce(p_vector_weight / (p_rrf_k + v.pos), 0) + coalesce(p_text_weight / (p_rrf_k + t.pos), 0) AS score
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
     WHERE p_similarity_threshold IS NULL OR s.tpos IS NOT NULL OR s.similarity >= p_similarity_threshold
     ORDER BY s.score DESC, s.similarity DESC NULLS LAST, s.source_name, s.knowledge_source_id, s.chunk_index
     LIMIT greatest(coalesce(p_match_count, 0), 0);
$$;
COMMENT ON FUNCTION search_knowledge_hybrid(uuid, vector, text, integer, double precision, text, integer, integer, integer, integer, double precision, double precision) IS
    'Hybrid search of one chatbot: vector and full-text candidates fused by weighted reciprocal rank (ties share a position); the threshold drops only passages full text did not find; equal scores by source and chunk index.';

-- 4. How an answer ended -------------------------------------------------------------------------
ALTER TABLE messages ADD COLUMN finish_reason text,
                     ADD COLUMN max_iterations_reached boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN messages.finish_reason IS 'Assistant replies: why the model stopped (stop, length, tool_calls, ...); NULL when no model answered (fallback, offline).';
COMMENT ON COLUMN messages.max_iterations_reached IS 'Assistant replies: the agent used all its tool-calling iterations without a final answer.';
