-- A reply whose send was cut (the instance died, or lost the database, between marking it "sending" and recording
-- Meta's answer) is no longer closed unanswered. Every send carries biz_opaque_callback_data = 'hub-reply:<key>',
-- which Meta returns in the message's status webhooks: a status for a wamid the hub never recorded proves that the
-- reply went out (reply_proof_wamid on the key's event). The redelivered message waits as 'uncertain'; a proof closes
-- it as sent, and without one after hub.conversation.uncertain-send-wait the stored reply is sent again.

ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_reply_status_check;
ALTER TABLE webhook_events ADD CONSTRAINT webhook_events_reply_status_check
    CHECK (reply_status IN ('sending', 'uncertain', 'sent', 'failed', 'skipped'));

ALTER TABLE webhook_events
    ADD COLUMN pending_reply   jsonb,
    ADD COLUMN reply_sending_at timestamptz,
    ADD COLUMN resend_due_at   timestamptz,
    ADD COLUMN resend_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN reply_proof_wamid text;
COMMENT ON COLUMN webhook_events.pending_reply IS
    'The reply being sent (key, recipient, text or interactive payload, inbound message ids), kept until its outcome is recorded.';
COMMENT ON COLUMN webhook_events.reply_proof_wamid IS
    'A status webhook came back for this outbound wamid with this event''s reply key while the reply was not recorded: it went out.';
COMMENT ON COLUMN webhook_events.resend_due_at IS
    'For an uncertain reply: when it is sent again unless a status webhook has proved it went out.';

CREATE INDEX webhook_events_uncertain_idx ON webhook_events (resend_due_at) WHERE reply_status = 'uncertain';
