-- What happened, next to an alert's type (its area): a console says the alert in the person's language from the
-- reason and the metadata, a program can branch on it. The metadata's keys become snake_case, as every other key of
-- the API; a text that came from outside (a provider's or Meta's error) is its "detail".
ALTER TABLE system_alerts ADD COLUMN reason text CHECK (reason IN (
    'quota_exceeded', 'quota_warning', 'hourly_limit', 'customer_rate_limit', 'llm_failed', 'llm_limit',
    'turn_timeout', 'transcription_failed', 'media_unusable', 'send_failed', 'resend_failed', 'not_delivered',
    'meta_error', 'message_parked', 'message_stuck', 'message_dropped', 'unknown_number', 'tool_paused',
    'billing_period_reset'));
COMMENT ON COLUMN system_alerts.reason IS 'What happened within the type (hub.alerts.Alert.Reason); NULL for an alert the hub does not know.';

-- the alerts raised before: their reason from their dedup key, which names it
UPDATE system_alerts SET reason = CASE
    WHEN dedup_key LIKE 'quota-exceeded:%' THEN 'quota_exceeded'
    WHEN dedup_key LIKE 'quota-warning:%' THEN 'quota_warning'
    WHEN dedup_key LIKE 'rate-limit:%' THEN 'hourly_limit'
    WHEN dedup_key LIKE 'customer-rate-limit:%' THEN 'customer_rate_limit'
    WHEN dedup_key LIKE 'turn-timeout:%' THEN 'turn_timeout'
    WHEN dedup_key LIKE 'llm-failure:%:true' THEN 'llm_limit'
    WHEN dedup_key LIKE 'llm-failure:%' THEN 'llm_failed'
    WHEN dedup_key LIKE 'media:%:TRANSCRIPTION_FAILED' THEN 'transcription_failed'
    WHEN dedup_key LIKE 'media:%' THEN 'media_unusable'
    WHEN dedup_key LIKE 'send-failed:%' AND message LIKE 'A reply whose send was interrupted%' THEN 'resend_failed'
    WHEN dedup_key LIKE 'send-failed:%' THEN 'send_failed'
    WHEN dedup_key LIKE 'delivery-failed:%' THEN 'not_delivered'
    WHEN dedup_key LIKE 'webhook-error:%' THEN 'meta_error'
    WHEN dedup_key LIKE 'parked:%' THEN 'message_parked'
    WHEN dedup_key LIKE 'stuck:%' THEN 'message_stuck'
    WHEN dedup_key LIKE 'dropped:%' THEN 'message_dropped'
    WHEN dedup_key LIKE 'unknown-number:%' THEN 'unknown_number'
    WHEN dedup_key LIKE 'tool-circuit-open:%' THEN 'tool_paused'
    WHEN dedup_key LIKE 'BILLING_PERIOD_RESET:%' THEN 'billing_period_reset'
END;

-- their metadata's keys in snake_case (phoneNumberId → phone_number_id); a paused tool's last error is its detail
UPDATE system_alerts a
   SET metadata = (SELECT jsonb_object_agg(CASE WHEN key = 'last_error' THEN 'detail'
                                                ELSE lower(regexp_replace(key, '([a-z0-9])([A-Z])', '\1_\2', 'g')) END, value)
                     FROM jsonb_each(a.metadata))
 WHERE EXISTS (SELECT 1 FROM jsonb_object_keys(a.metadata) k WHERE k ~ '[A-Z]' OR k = 'last_error');

-- record_alert takes the reason (a new last parameter: the function is made again)
DROP FUNCTION record_alert(uuid, uuid, text, text, text, jsonb, text, interval);
CREATE FUNCTION record_alert(
    p_organization_id uuid,
    p_chatbot_id      uuid,
    p_type            text,
    p_severity        text,
    p_message         text,
    p_metadata        jsonb DEFAULT '{}',
    p_dedup_key       text DEFAULT NULL,
    p_dedup_window    interval DEFAULT INTERVAL '10 minutes',
    p_reason          text DEFAULT NULL
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

    INSERT INTO system_alerts AS sa (organization_id, chatbot_id, type, reason, severity, message, metadata, dedup_key)
    VALUES (p_organization_id, p_chatbot_id, p_type, p_reason, coalesce(p_severity, 'warning'), p_message,
            coalesce(p_metadata, '{}'), p_dedup_key)
    RETURNING sa.id, sa.occurrence_count INTO v_id, v_count;
    RETURN QUERY SELECT v_id, true, v_count;
END
$$;

-- the billing rollover's alert carries its reason (PostgreSQL replaces a function only with its whole body; the
-- one change from V4 is the INSERT INTO system_alerts)
CREATE OR REPLACE FUNCTION reset_billing_period(p_as_of date DEFAULT CURRENT_DATE)
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

        INSERT INTO system_alerts (organization_id, type, reason, severity, message, metadata, dedup_key)
        VALUES (v_org.id, 'OTHER', 'billing_period_reset', 'info',
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
