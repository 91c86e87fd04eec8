-- Rolling-window rate limiting in constant time per message.
-- try_consume_rate_limit used to count a bucket's hits of the whole window on every call: the cost of
-- a message grew with the traffic of the last hour (tens of thousands of index entries per message for
-- a busy number) and the count ran under an advisory lock that every message of the bucket waited on.
-- Now each bucket keeps the number of hits it holds; a call locks the bucket row and compares the
-- counter, which can only overstate the hits inside the window: below the limit it decides at once; at
-- the limit the hits that left the window are pruned first (each hit is pruned once). Semantics are unchanged: rejected requests do not consume budget, two requests
-- in the same millisecond are two, all hub instances share the buckets.
-- When allowed, current_count may still include hits that left the window (it is exact when refused).
-- A bucket is used with one window length (the caller's p_window; the hub uses one hour per chatbot).

CREATE TABLE rate_limit_buckets (
    bucket_key text PRIMARY KEY,
    hits       integer NOT NULL DEFAULT 0 CHECK (hits >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE rate_limit_buckets IS 'Per rate-limit bucket: how many rows of rate_limit_hits it holds after the last pruning; written only by try_consume_rate_limit() and cleanup_rate_limit_hits().';

INSERT INTO rate_limit_buckets (bucket_key, hits)
SELECT bucket_key, count(*) FROM rate_limit_hits GROUP BY bucket_key;

CREATE OR REPLACE FUNCTION try_consume_rate_limit(
    p_bucket_key text,
    p_limit      integer,
    p_window     interval DEFAULT INTERVAL '1 hour'
) RETURNS TABLE (
    allowed          boolean,
    current_count    integer,
    max_count        integer,
    reset_in_seconds integer
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_now    timestamptz := clock_timestamp();
    v_count  integer;
    v_pruned integer;
    v_free   timestamptz;
BEGIN
    -- counts this request optimistically, creating the bucket on first use; the row stays locked to the
    -- end of the transaction, so the requests of one bucket are decided one at a time
    INSERT INTO rate_limit_buckets AS b (bucket_key, hits) VALUES (p_bucket_key, 1)
    ON CONFLICT (bucket_key) DO UPDATE SET hits = b.hits + 1, updated_at = v_now
    RETURNING b.hits INTO v_count;

    -- the counter includes hits that may have left the window: under the limit it is proof enough;
    -- at the limit, the expired hits are pruned and the request is decided on the exact count
    IF v_count > p_limit THEN
        DELETE FROM rate_limit_hits h WHERE h.bucket_key = p_bucket_key AND h.hit_at <= v_now - p_window;
        GET DIAGNOSTICS v_pruned = ROW_COUNT;
        v_count := greatest(v_count - v_pruned, 1);
        IF v_count > p_limit THEN
            v_count := v_count - 1;
            UPDATE rate_limit_buckets SET hits = v_count WHERE bucket_key = p_bucket_key;
            -- the hit whose expiry brings the count back under the limit
            SELECT h.hit_at INTO v_free
              FROM rate_limit_hits h
             WHERE h.bucket_key = p_bucket_key
             ORDER BY h.hit_at
             OFFSET greatest(v_count - p_limit, 0)
             LIMIT 1;
            RETURN QUERY SELECT false, v_count, p_limit,
                greatest(ceil(extract(epoch FROM (coalesce(v_free, v_now) + p_window - v_now)))::integer, 0);
            RETURN;
        END IF;
        UPDATE rate_limit_buckets SET hits = v_count WHERE bucket_key = p_bucket_key;
    END IF;
    INSERT INTO rate_limit_hits (bucket_key, hit_at) VALUES (p_bucket_key, v_now);
    RETURN QUERY SELECT true, v_count, p_limit, ceil(extract(epoch FROM p_window))::integer;
END
$$;

-- Removes hits older than p_older_than (longer than any bucket's window) and keeps the counters true:
-- each bucket is locked before its hits are removed, in the same order as try_consume_rate_limit.
CREATE OR REPLACE FUNCTION cleanup_rate_limit_hits(p_older_than interval DEFAULT INTERVAL '2 hours') RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_key     text;
    v_removed integer;
    v_total   integer := 0;
BEGIN
    FOR v_key IN
        SELECT DISTINCT h.bucket_key FROM rate_limit_hits h WHERE h.hit_at < clock_timestamp() - p_older_than
    LOOP
        PERFORM 1 FROM rate_limit_buckets b WHERE b.bucket_key = v_key FOR UPDATE;
        DELETE FROM rate_limit_hits h WHERE h.bucket_key = v_key AND h.hit_at < clock_timestamp() - p_older_than;
        GET DIAGNOSTICS v_removed = ROW_COUNT;
        UPDATE rate_limit_buckets b SET hits = greatest(b.hits - v_removed, 0) WHERE b.bucket_key = v_key;
        v_total := v_total + v_removed;
    END LOOP;
    DELETE FROM rate_limit_buckets b
     WHERE b.hits = 0 AND b.updated_at < clock_timestamp() - p_older_than;
    RETURN v_total;
END
$$;
