-- A worker may take back a message it holds itself. One conversation is consumed by one worker thread
-- at a time (Kafka partitions by conversation), so a claim by the lease holder is the redelivery of a
-- message whose processing failed in that worker (the database or the broker was unreachable while
-- it was being finished), never a concurrent duplicate; waiting for the lease to expire would skip it.

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
        RETURN QUERY SELECT v_row.id, true, v_row.status, v_row.attempts, v_row.reply_status, v_row.chatbot_id;
    ELSE
        RETURN QUERY SELECT we.id, false, we.status, we.attempts, we.reply_status, we.chatbot_id
                       FROM webhook_events we WHERE we.whatsapp_message_id = p_whatsapp_message_id;
    END IF;
END
$$;
