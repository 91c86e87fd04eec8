-- WhatsApp Agent Hub schema, part 4: functions the pipeline and the scheduled jobs call, and views.
-- get_current_usage, reset_billing_period, cleanup_old_webhook_events, claim_webhook_event,
-- record_delivery_status, record_alert, try_consume_rate_limit, cleanup_rate_limit_hits,
-- recalculate_usage_summary; views current_period_usage, tool_usage_stats, recent_tool_failures.

-- ---------------------------------------------------------------------------------------------
-- Usage of the organisation's current billing period: one row, also for an unknown organisation
-- (zeros, NULL limits). Reads usage_summary for organizations.billing_period_start: the single
-- source of truth, kept in step with usage_logs by trigger.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION get_current_usage(p_organization_id uuid)
RETURNS TABLE (
    messages_used      integer,
    tokens_used        bigint,
    message_limit      integer,
    token_limit        bigint,
    period_start       date,
    period_end         date,
    estimated_cost_usd numeric
)
LANGUAGE sql STABLE AS $$
    SELECT coalesce(us.current_period_messages, 0)::integer,
           coalesce(us.current_period_tokens, 0)::bigint,
           o.message_limit_monthly,
           o.token_limit_monthly,
           o.billing_period_start,
           o.billing_period_end,
           coalesce(us.estimated_cost_usd, 0)::numeric
      FROM (SELECT p_organization_id AS id) q
      LEFT JOIN organizations o ON o.id = q.id
      LEFT JOIN usage_summary us ON us.organization_id = o.id AND us.period_start = o.billing_period_start;
$$;

-- Rebuilds an organisation's usage_summary rows from usage_logs (repair tool for operators).
CREATE FUNCTION recalculate_usage_summary(p_organization_id uuid) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM usage_summary us
     WHERE us.organization_id = p_organization_id
       AND NOT EXISTS (SELECT 1 FROM usage_logs ul
                        WHERE ul.organization_id = us.organization_id AND ul.period_start = us.period_start);
    INSERT INTO usage_summary AS us
           (organization_id, period_start, period_end, current_period_messages, current_period_tokens,
            tokens_input, tokens_output, estimated_cost_usd, last_updated_at)
    SELECT ul.organization_id, ul.period_start, max(ul.period_end),
           coalesce(sum(ul.message_count), 0), coalesce(sum(ul.tokens_total), 0),
           coalesce(sum(ul.tokens_input), 0), coalesce(sum(ul.tokens_output), 0),
           coalesce(sum(ul.estimated_cost_usd), 0), now()
      FROM usage_logs ul
     WHERE ul.organization_id = p_organization_id
     GROUP BY ul.organization_id, ul.period_start
    ON CONFLICT (organization_id, period_start) DO UPDATE
       SET period_end              = EXCLUDED.period_end,
           current_period_messages = EXCLUDED.current_period_messages,
           current_period_tokens   = EXCLUDED.current_period_tokens,
           tokens_input            = EXCLUDED.tokens_input,
           tokens_output           = EXCLUDED.tokens_output,
           estimated_cost_usd      = EXCLUDED.estimated_cost_usd,
           last_updated_at         = now();
$$;

-- ---------------------------------------------------------------------------------------------
-- Billing period rollover. Only organisations whose period has ended (billing_period_end <=
-- p_as_of) are touched. Each moves to the period that contains p_as_of, keeping its monthly
-- anniversary; only chatbots disabled for quota (disabled_reason = 'quota') are re-enabled;
-- a new empty usage_summary row is opened; an info alert records the previous usage.
-- Safe to run from several instances at once (due organisations are locked, SKIP LOCKED).
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION reset_billing_period(p_as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (
    organization_id   uuid,
    organization_name text,
    chatbots_enabled  integer,
    old_message_count integer,
    old_token_count   bigint,
    new_period_start  date,
    new_period_end    date
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_org     record;
    v_start   date;
    v_end     date;
    v_msgs    integer;
    v_tokens  bigint;
    v_enabled integer;
BEGIN
    FOR v_org IN
        SELECT o.id, o.name, o.billing_period_start, o.billing_period_end
          FROM organizations o
         WHERE o.billing_period_end <= p_as_of
         ORDER BY o.id
           FOR UPDATE SKIP LOCKED
    LOOP
        v_start := v_org.billing_period_end;
        v_end   := (v_start + INTERVAL '1 month')::date;
        WHILE v_end <= p_as_of LOOP
            v_start := v_end;
            v_end   := (v_start + INTERVAL '1 month')::date;
        END LOOP;

        SELECT us.current_period_messages, us.current_period_tokens
          INTO v_msgs, v_tokens
          FROM usage_summary us
         WHERE us.organization_id = v_org.id AND us.period_start = v_org.billing_period_start;
        v_msgs   := coalesce(v_msgs, 0);
        v_tokens := coalesce(v_tokens, 0);

        WITH re_enabled AS (
            UPDATE chatbots c
               SET is_active = true, disabled_reason = NULL
             WHERE c.organization_id = v_org.id
               AND NOT c.is_active
               AND c.disabled_reason = 'quota'
            RETURNING c.id
        )
        SELECT count(*)::integer INTO v_enabled FROM re_enabled;

        UPDATE organizations o
           SET billing_period_start = v_start, billing_period_end = v_end
         WHERE o.id = v_org.id;

        INSERT INTO usage_summary (organization_id, period_start, period_end)
        VALUES (v_org.id, v_start, v_end)
        ON CONFLICT (organization_id, period_start) DO NOTHING;

        INSERT INTO system_alerts (organization_id, type, severity, message, metadata, dedup_key)
        VALUES (v_org.id, 'OTHER', 'info',
                format('Billing period reset. Previous usage: %s messages, %s tokens. %s chatbots re-enabled.',
                       v_msgs, v_tokens, v_enabled),
                jsonb_build_object('previous_period_start', v_org.billing_period_start,
                                   'previous_period_end', v_org.billing_period_end,
                                   'period_start', v_start, 'period_end', v_end,
                                   'previous_messages', v_msgs, 'previous_tokens', v_tokens,
                                   'chatbots_enabled', v_enabled),
                'BILLING_PERIOD_RESET:' || v_start::text);

        organization_id   := v_org.id;
        organization_name := v_org.name;
        chatbots_enabled  := v_enabled;
        old_message_count := v_msgs;
        old_token_count   := v_tokens;
        new_period_start  := v_start;
        new_period_end    := v_end;
        RETURN NEXT;
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Webhook event cleanup: deletes expired events (expires_at < now()) that are finished
-- (completed, failed, skipped, duplicate) or not held by a live lease. Returns the number deleted.
-- p_limit bounds one run (NULL = all).
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION cleanup_old_webhook_events(p_limit integer DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_deleted integer;
BEGIN
    WITH doomed AS (
        SELECT we.id
          FROM webhook_events we
         WHERE we.expires_at < now()
           AND (we.status IN ('completed', 'failed', 'skipped', 'duplicate')
                OR we.locked_until IS NULL
                OR we.locked_until < now())
         ORDER BY we.expires_at
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED
    )
    DELETE FROM webhook_events we USING doomed WHERE we.id = doomed.id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Idempotent claim of an inbound message, in one statement. Creates the event (status
-- processing, attempts 1, lease until now() + p_lease) or takes over an existing one that is
-- 'received', 'failed' or 'processing' with an expired lease, while attempts < p_max_attempts.
-- Anything else (completed, skipped, duplicate, live lease, attempts exhausted) is not claimed.
-- claimed = false tells the caller to leave the message alone. reply_status = 'sent' on a
-- claimed row means the reply already went out: finish the bookkeeping, do not send again.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION claim_webhook_event(
    p_whatsapp_message_id text,
    p_phone_number_id     text,
    p_worker              text,
    p_lease               interval DEFAULT INTERVAL '5 minutes',
    p_max_attempts        integer DEFAULT 3,
    p_raw_payload         jsonb DEFAULT NULL
) RETURNS TABLE (
    webhook_event_id uuid,
    claimed          boolean,
    status           text,
    attempts         integer,
    reply_status     text,
    chatbot_id       uuid
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_row webhook_events%ROWTYPE;
BEGIN
    INSERT INTO webhook_events AS we
           (whatsapp_message_id, phone_number_id, status, attempts, locked_by, locked_until, raw_payload)
    VALUES (p_whatsapp_message_id, p_phone_number_id, 'processing', 1, p_worker, now() + p_lease, p_raw_payload)
    ON CONFLICT (whatsapp_message_id) DO UPDATE
       SET status       = 'processing',
           attempts     = we.attempts + 1,
           locked_by    = EXCLUDED.locked_by,
           locked_until = EXCLUDED.locked_until,
           raw_payload  = coalesce(we.raw_payload, EXCLUDED.raw_payload)
     WHERE we.attempts < p_max_attempts
       AND (we.status IN ('received', 'failed')
            OR (we.status = 'processing' AND (we.locked_until IS NULL OR we.locked_until < now())))
    RETURNING we.* INTO v_row;

    IF FOUND THEN
        RETURN QUERY SELECT v_row.id, true, v_row.status, v_row.attempts, v_row.reply_status, v_row.chatbot_id;
    ELSE
        RETURN QUERY SELECT we.id, false, we.status, we.attempts, we.reply_status, we.chatbot_id
                       FROM webhook_events we WHERE we.whatsapp_message_id = p_whatsapp_message_id;
    END IF;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Delivery status of an outbound message (statuses webhooks may arrive out of order).
-- Status only moves forward: pending < sent < failed < delivered < read; each status time is
-- recorded once. Unknown statuses (e.g. 'deleted') and unknown wamids return no row.
-- changed = the status changed with this call (use it to alert on a failure once).
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION delivery_status_rank(p_status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE p_status WHEN 'pending' THEN 0 WHEN 'sent' THEN 1 WHEN 'failed' THEN 2
                         WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 END
$$;

CREATE FUNCTION record_delivery_status(
    p_outbound_whatsapp_message_id text,
    p_status                       text,
    p_at                           timestamptz DEFAULT now(),
    p_error_code                   text DEFAULT NULL,
    p_error                        text DEFAULT NULL
) RETURNS TABLE (
    message_id      bigint,
    delivery_status text,
    changed         boolean,
    contact_id      uuid,
    chatbot_id      uuid,
    organization_id uuid
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_id  bigint;
    v_old text;
    v_new text;
BEGIN
    IF delivery_status_rank(p_status) IS NULL OR p_outbound_whatsapp_message_id IS NULL THEN
        RETURN;
    END IF;
    SELECT m.id, m.delivery_status INTO v_id, v_old
      FROM messages m
     WHERE m.outbound_whatsapp_message_id = p_outbound_whatsapp_message_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    v_new := CASE WHEN v_old IS NULL OR delivery_status_rank(p_status) > delivery_status_rank(v_old)
                  THEN p_status ELSE v_old END;
    p_at := coalesce(p_at, now());

    RETURN QUERY
    UPDATE messages m
       SET delivery_status     = v_new,
           sent_at             = CASE WHEN p_status = 'sent' THEN coalesce(m.sent_at, p_at) ELSE m.sent_at END,
           delivered_at        = CASE WHEN p_status = 'delivered' THEN coalesce(m.delivered_at, p_at) ELSE m.delivered_at END,
           read_at             = CASE WHEN p_status = 'read' THEN coalesce(m.read_at, p_at) ELSE m.read_at END,
           failed_at           = CASE WHEN p_status = 'failed' THEN coalesce(m.failed_at, p_at) ELSE m.failed_at END,
           delivery_error_code = CASE WHEN p_status = 'failed' THEN coalesce(p_error_code, m.delivery_error_code) ELSE m.delivery_error_code END,
           delivery_error      = CASE WHEN p_status = 'failed' THEN coalesce(p_error, m.delivery_error) ELSE m.delivery_error END
     WHERE m.id = v_id
    RETURNING m.id, m.delivery_status, (v_new IS DISTINCT FROM v_old), m.contact_id, m.chatbot_id, m.organization_id;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Alerts with deduplication: an alert with the same (organisation, dedup_key) within
-- p_dedup_window of the first occurrence is folded into that row (occurrence_count + 1,
-- last_seen_at) and is_new = false: do not notify again. Without a dedup_key every call inserts.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION record_alert(
    p_organization_id uuid,
    p_chatbot_id      uuid,
    p_type            text,
    p_severity        text,
    p_message         text,
    p_metadata        jsonb DEFAULT '{}',
    p_dedup_key       text DEFAULT NULL,
    p_dedup_window    interval DEFAULT INTERVAL '10 minutes'
) RETURNS TABLE (
    alert_id         bigint,
    is_new           boolean,
    occurrence_count integer
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_id    bigint;
    v_count integer;
BEGIN
    IF p_dedup_key IS NOT NULL THEN
        -- serialise concurrent callers of the same alert (all hub instances)
        PERFORM pg_advisory_xact_lock(hashtextextended('alert:' || coalesce(p_organization_id::text, '-') || ':' || p_dedup_key, 0));
        UPDATE system_alerts sa
           SET occurrence_count = sa.occurrence_count + 1,
               last_seen_at     = now()
         WHERE sa.id = (SELECT a.id FROM system_alerts a
                         WHERE a.dedup_key = p_dedup_key
                           AND a.organization_id IS NOT DISTINCT FROM p_organization_id
                           AND a.created_at > now() - p_dedup_window
                         ORDER BY a.created_at DESC
                         LIMIT 1)
        RETURNING sa.id, sa.occurrence_count INTO v_id, v_count;
        IF FOUND THEN
            RETURN QUERY SELECT v_id, false, v_count;
            RETURN;
        END IF;
    END IF;

    INSERT INTO system_alerts AS sa (organization_id, chatbot_id, type, severity, message, metadata, dedup_key)
    VALUES (p_organization_id, p_chatbot_id, p_type, coalesce(p_severity, 'warning'), p_message,
            coalesce(p_metadata, '{}'), p_dedup_key)
    RETURNING sa.id, sa.occurrence_count INTO v_id, v_count;
    RETURN QUERY SELECT v_id, true, v_count;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Rolling-window rate limit shared by all hub instances. Allowed requests are recorded (two in
-- the same millisecond are two); rejected requests are not (they do not prolong the block).
-- reset_in_seconds: when rejected, seconds until one slot frees up; when allowed, the window.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION try_consume_rate_limit(
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
    v_now   timestamptz := clock_timestamp();
    v_count integer;
    v_free  timestamptz;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('rate:' || p_bucket_key, 0));
    SELECT count(*)::integer INTO v_count
      FROM rate_limit_hits h
     WHERE h.bucket_key = p_bucket_key AND h.hit_at > v_now - p_window;

    IF v_count >= p_limit THEN
        -- the hit whose expiry brings the count back under the limit
        SELECT h.hit_at INTO v_free
          FROM rate_limit_hits h
         WHERE h.bucket_key = p_bucket_key AND h.hit_at > v_now - p_window
         ORDER BY h.hit_at
         OFFSET greatest(v_count - p_limit, 0)
         LIMIT 1;
        RETURN QUERY SELECT false, v_count, p_limit,
            greatest(ceil(extract(epoch FROM (coalesce(v_free, v_now) + p_window - v_now)))::integer, 0);
    ELSE
        INSERT INTO rate_limit_hits (bucket_key, hit_at) VALUES (p_bucket_key, v_now);
        RETURN QUERY SELECT true, v_count + 1, p_limit, ceil(extract(epoch FROM p_window))::integer;
    END IF;
END
$$;

CREATE FUNCTION cleanup_rate_limit_hits(p_older_than interval DEFAULT INTERVAL '2 hours') RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_deleted integer;
BEGIN
    DELETE FROM rate_limit_hits h WHERE h.hit_at < clock_timestamp() - p_older_than;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Views
-- ---------------------------------------------------------------------------------------------

-- Current billing period of every organisation with usage and limits.
CREATE VIEW current_period_usage AS
SELECT o.id                                           AS organization_id,
       o.name                                         AS organization_name,
       o.plan_tier,
       o.is_active,
       o.billing_period_start                         AS period_start,
       o.billing_period_end                           AS period_end,
       coalesce(us.current_period_messages, 0)        AS messages_used,
       o.message_limit_monthly                        AS message_limit,
       coalesce(us.current_period_tokens, 0)          AS tokens_used,
       o.token_limit_monthly                          AS token_limit,
       coalesce(us.estimated_cost_usd, 0)             AS estimated_cost_usd,
       CASE WHEN o.message_limit_monthly > 0
            THEN round(100.0 * coalesce(us.current_period_messages, 0) / o.message_limit_monthly, 2) END
                                                      AS message_usage_pct,
       CASE WHEN o.token_limit_monthly > 0
            THEN round(100.0 * coalesce(us.current_period_tokens, 0) / o.token_limit_monthly, 2) END
                                                      AS token_usage_pct,
       o.billing_period_end <= CURRENT_DATE           AS period_due
  FROM organizations o
  LEFT JOIN usage_summary us ON us.organization_id = o.id AND us.period_start = o.billing_period_start;

-- Tool usage statistics per organisation and tool.
CREATE VIEW tool_usage_stats AS
SELECT te.organization_id,
       te.tool_name,
       te.tool_type,
       count(*)                                                          AS total_executions,
       count(*) FILTER (WHERE te.status = 'success')                     AS successful_executions,
       count(*) FILTER (WHERE te.status = 'failed')                      AS failed_executions,
       count(*) FILTER (WHERE te.status = 'timeout')                     AS timeout_executions,
       avg(te.execution_time_ms) FILTER (WHERE te.execution_time_ms IS NOT NULL) AS avg_execution_time_ms,
       max(te.created_at)                                                AS last_used,
       round(100.0 * count(*) FILTER (WHERE te.status = 'success')
             / nullif(count(*) FILTER (WHERE te.status <> 'pending'), 0), 2) AS success_rate_pct
  FROM tool_executions te
 GROUP BY te.organization_id, te.tool_name, te.tool_type;

-- Tool failures and timeouts of the last 24 hours, newest first.
CREATE VIEW recent_tool_failures AS
SELECT te.id,
       te.organization_id,
       o.name  AS organization_name,
       te.chatbot_id,
       c.name  AS chatbot_name,
       te.tool_name,
       te.tool_type,
       te.integration_id,
       te.status,
       te.error_message,
       te.execution_time_ms,
       te.iteration,
       te.created_at
  FROM tool_executions te
  JOIN organizations o ON o.id = te.organization_id
  JOIN chatbots c ON c.id = te.chatbot_id
 WHERE te.status IN ('failed', 'timeout')
   AND te.created_at > now() - INTERVAL '24 hours'
 ORDER BY te.created_at DESC;

COMMENT ON VIEW current_period_usage IS 'Usage and limits of every organisation''s current billing period.';
COMMENT ON VIEW tool_usage_stats IS 'Aggregated tool usage statistics per organisation and tool.';
COMMENT ON VIEW recent_tool_failures IS 'Tool failures and timeouts of the last 24 hours.';
