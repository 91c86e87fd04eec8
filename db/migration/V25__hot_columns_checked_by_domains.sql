-- PostgreSQL reads and plans a table's CHECK constraints again for every statement that writes to it: about 30 µs per
-- statement on the tables the pipeline writes for every message (an answered message writes them seven times). A
-- domain's constraint is read and planned once per session, so the single-column checks of those tables become the
-- columns' types. Same values refused; the violation names the domain's constraint (e.g. message_role_check).
-- Two small checks of webhook_events stay table constraints: skip_reason_check spans two columns, and attempts has a
-- generated column (retry_count) that keeps its type.
CREATE DOMAIN message_role AS text CHECK (VALUE IN ('user', 'assistant', 'system', 'tool', 'agent'));
CREATE DOMAIN message_type AS text CHECK (VALUE IN ('text', 'interactive', 'button', 'image', 'video', 'audio',
    'document', 'sticker', 'location', 'contacts', 'reaction', 'order', 'system', 'request_welcome', 'template',
    'unsupported', 'unknown'));
CREATE DOMAIN delivery_status AS text CHECK (VALUE IN ('pending', 'sent', 'delivered', 'read', 'failed'));
CREATE DOMAIN webhook_event_status AS text CHECK (VALUE IN ('received', 'processing', 'completed', 'failed', 'skipped',
    'duplicate'));
CREATE DOMAIN reply_status AS text CHECK (VALUE IN ('sending', 'uncertain', 'sent', 'failed', 'skipped'));
CREATE DOMAIN conversation_mode AS text CHECK (VALUE IN ('auto', 'manual'));
CREATE DOMAIN non_blank_text AS text CHECK (btrim(VALUE) <> '');
CREATE DOMAIN non_negative_integer AS integer CHECK (VALUE >= 0);
CREATE DOMAIN non_negative_smallint AS smallint CHECK (VALUE >= 0);
CREATE DOMAIN usd_amount AS numeric(10, 6) CHECK (VALUE >= 0);
CREATE DOMAIN json_object AS jsonb CHECK (jsonb_typeof(VALUE) = 'object');
CREATE DOMAIN json_array AS jsonb CHECK (jsonb_typeof(VALUE) = 'array');

-- a column a trigger names cannot change its type: those triggers are dropped and created again as they were
DROP TRIGGER messages_fill_scope ON messages;
DROP TRIGGER messages_track_left_for_person ON messages;
DROP TRIGGER messages_notify_status ON messages;
DROP TRIGGER contacts_track_mode_change ON contacts;
DROP TRIGGER contacts_notify_change ON contacts;
DROP TRIGGER usage_logs_maintain_summary_upd ON usage_logs;

ALTER TABLE messages
    DROP CONSTRAINT messages_role_check,
    DROP CONSTRAINT messages_message_type_check,
    DROP CONSTRAINT messages_delivery_status_check,
    DROP CONSTRAINT messages_metadata_check,
    DROP CONSTRAINT messages_passages_check,
    DROP CONSTRAINT messages_part_index_check,
    ALTER COLUMN role TYPE message_role,
    ALTER COLUMN message_type TYPE message_type,
    ALTER COLUMN delivery_status TYPE delivery_status,
    ALTER COLUMN metadata TYPE json_object,
    ALTER COLUMN passages TYPE json_array,
    ALTER COLUMN part_index TYPE non_negative_smallint;
ALTER TABLE webhook_events
    DROP CONSTRAINT webhook_events_status_check,
    DROP CONSTRAINT webhook_events_reply_status_check,
    DROP CONSTRAINT webhook_events_whatsapp_message_id_check,
    ALTER COLUMN status TYPE webhook_event_status,
    ALTER COLUMN reply_status TYPE reply_status,
    ALTER COLUMN whatsapp_message_id TYPE non_blank_text;
ALTER TABLE contacts
    DROP CONSTRAINT contacts_conversation_mode_check,
    DROP CONSTRAINT contacts_phone_number_check,
    DROP CONSTRAINT contacts_unread_count_check,
    DROP CONSTRAINT contacts_variables_check,
    ALTER COLUMN conversation_mode TYPE conversation_mode,
    ALTER COLUMN phone_number TYPE non_blank_text,
    ALTER COLUMN unread_count TYPE non_negative_integer,
    ALTER COLUMN variables TYPE json_object;
ALTER TABLE usage_logs
    DROP CONSTRAINT usage_logs_estimated_cost_usd_check,
    DROP CONSTRAINT usage_logs_llm_calls_check,
    DROP CONSTRAINT usage_logs_message_count_check,
    DROP CONSTRAINT usage_logs_tokens_input_check,
    DROP CONSTRAINT usage_logs_tokens_output_check,
    DROP CONSTRAINT usage_logs_tokens_total_check,
    DROP CONSTRAINT usage_logs_tool_calls_check,
    ALTER COLUMN estimated_cost_usd TYPE usd_amount,
    ALTER COLUMN llm_calls TYPE non_negative_integer,
    ALTER COLUMN message_count TYPE non_negative_integer,
    ALTER COLUMN tokens_input TYPE non_negative_integer,
    ALTER COLUMN tokens_output TYPE non_negative_integer,
    ALTER COLUMN tokens_total TYPE non_negative_integer,
    ALTER COLUMN tool_calls TYPE non_negative_integer;
ALTER TABLE rate_limit_buckets
    DROP CONSTRAINT rate_limit_buckets_hits_check,
    ALTER COLUMN hits TYPE non_negative_integer;

DROP FUNCTION is_message_role(text), is_message_type(text), is_delivery_status(text), is_webhook_event_status(text),
    is_reply_status(text);

CREATE TRIGGER messages_fill_scope BEFORE INSERT OR UPDATE OF role, direction ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_fill_scope();
CREATE TRIGGER messages_track_left_for_person AFTER UPDATE OF not_answered_reason ON messages
    FOR EACH ROW WHEN (NEW.role = 'user' AND NEW.contact_id IS NOT NULL AND NEW.not_answered_reason::text = 'manual_mode'
                       AND OLD.not_answered_reason::text IS DISTINCT FROM NEW.not_answered_reason::text)
    EXECUTE FUNCTION messages_track_left_for_person();
CREATE TRIGGER messages_notify_status AFTER UPDATE OF delivery_status ON messages
    FOR EACH ROW WHEN (OLD.delivery_status IS DISTINCT FROM NEW.delivery_status)
    EXECUTE FUNCTION messages_notify_status();
CREATE TRIGGER contacts_track_mode_change BEFORE UPDATE OF conversation_mode ON contacts
    FOR EACH ROW WHEN (OLD.conversation_mode IS DISTINCT FROM NEW.conversation_mode)
    EXECUTE FUNCTION contacts_track_mode_change();
CREATE TRIGGER contacts_notify_change AFTER UPDATE ON contacts
    FOR EACH ROW WHEN (OLD.conversation_mode IS DISTINCT FROM NEW.conversation_mode
                       OR OLD.needs_person IS DISTINCT FROM NEW.needs_person
                       OR OLD.name IS DISTINCT FROM NEW.name
                       OR OLD.tags IS DISTINCT FROM NEW.tags
                       OR (OLD.unread_count > 0 AND NEW.unread_count = 0))
    EXECUTE FUNCTION contacts_notify_change();
CREATE TRIGGER usage_logs_maintain_summary_upd
    AFTER UPDATE OF organization_id, period_start, message_count, tokens_total, tokens_input, tokens_output,
                    estimated_cost_usd ON usage_logs
    FOR EACH ROW EXECUTE FUNCTION usage_logs_maintain_summary();

-- RETURN QUERY wants the declared result types exactly: the functions that return these columns give them as text
CREATE OR REPLACE FUNCTION claim_webhook_event(
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
            OR (we.status = 'processing'
                AND (we.locked_until IS NULL OR we.locked_until < now() OR we.locked_by = p_worker)))
    RETURNING we.* INTO v_row;

    IF FOUND THEN
        RETURN QUERY SELECT v_row.id, true, v_row.status::text, v_row.attempts, v_row.reply_status::text, v_row.chatbot_id;
    ELSE
        RETURN QUERY SELECT we.id, false, we.status::text, we.attempts, we.reply_status::text, we.chatbot_id
                       FROM webhook_events we WHERE we.whatsapp_message_id = p_whatsapp_message_id;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION record_delivery_status(
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
    RETURNING m.id, m.delivery_status::text, (v_new IS DISTINCT FROM v_old), m.contact_id, m.chatbot_id, m.organization_id;
END
$$;
