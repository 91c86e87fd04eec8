-- A reply whose send was cut (the instance died, or lost the database, between marking it "sending" and recording
-- Meta's answer) is no longer closed unanswered. Every send carries biz_opaque_callback_data = 'hub-reply:<key>',
-- which Meta returns in the message's status webhooks: a status for a wamid the hub never recorded proves that the
-- reply went out (reply_proofs). The redelivered message waits as 'uncertain'; a proof closes it as sent, and
-- without one after hub.conversation.uncertain-send-wait the stored reply is sent again.

ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_reply_status_check;
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_reply_status_check
    CHECK (reply_status IN ('sending', 'uncertain', 'sent', 'failed', 'skipped'));

ALTER TABLE webhook_events
    ADD COLUMN pending_reply   jsonb,
    ADD COLUMN reply_sending_at timestamptz,
    ADD COLUMN resend_due_at   timestamptz,
    ADD COLUMN resend_attempts integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN webhook_events.pending_reply IS
    'The reply being sent (key, recipient, text or interactive payload, inbound message ids), kept until its outcome is recorded.';
COMMENT ON COLUMN webhook_events.resend_due_at IS
    'For an uncertain reply: when it is sent again unless a status webhook has proved it went out.';

CREATE INDEX webhook_events_uncertain_idx ON webhook_events (resend_due_at) WHERE reply_status = 'uncertain';

CREATE TABLE reply_proofs (
    reply_key   uuid PRIMARY KEY,
    wamid       text NOT NULL,
    status      text NOT NULL,
    status_at   timestamptz,
    received_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE reply_proofs IS
    'Status webhooks for outbound wamids the hub had not recorded, by the reply key they carried: proof that a cut send went out.';
CREATE INDEX reply_proofs_received_at_idx ON reply_proofs (received_at);

-- the hourly webhook-event cleanup also removes proofs a week old (most belong to replies recorded normally,
-- whose status webhook came before the reply's row was written)
CREATE OR REPLACE FUNCTION cleanup_old_webhook_events(p_limit integer DEFAULT NULL) RETURNS integer
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
    DELETE FROM reply_proofs WHERE received_at < now() - INTERVAL '7 days';
    RETURN v_deleted;
END
$$;
