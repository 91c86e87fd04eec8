-- Bursts: a customer's quick messages to one chatbot answered together. A message the agent will answer waits
-- in webhook_events (status 'processing', no lease) until its conversation's burst is due; the burst is then
-- claimed as a whole and answered in one turn.

ALTER TABLE webhook_events
    ADD COLUMN contact_id   uuid,
    ADD COLUMN burst_due_at timestamptz;
COMMENT ON COLUMN webhook_events.contact_id IS 'The conversation of a message held for a burst.';
COMMENT ON COLUMN webhook_events.burst_due_at IS 'Set while the message waits for its burst: answered once the latest waiting message of the conversation is this old.';
CREATE INDEX webhook_events_waiting_burst_idx ON webhook_events (contact_id, burst_due_at)
    WHERE burst_due_at IS NOT NULL;
CREATE INDEX webhook_events_burst_contact_idx ON webhook_events (contact_id)
    WHERE contact_id IS NOT NULL AND status = 'processing';

ALTER TABLE messages ADD COLUMN answered_by_message_id bigint REFERENCES messages (id) ON DELETE SET NULL;
COMMENT ON COLUMN messages.answered_by_message_id IS 'For a customer message answered together with others (a burst): the reply (its first part) that answered it.';
