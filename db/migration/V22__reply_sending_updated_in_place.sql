-- Marking a reply as being sent (once per answered message) changes no indexed column any more, so PostgreSQL can
-- update the row in place (a HOT update) instead of adding an entry to each of the table's indexes. The uncertain
-- replies' index is keyed by resend_due_at, which every uncertain reply has, instead of being limited by reply_status;
-- the table's pages keep room for those in-place updates.
DROP INDEX webhook_events_uncertain_idx;
CREATE INDEX webhook_events_resend_due_idx ON webhook_events (resend_due_at) WHERE resend_due_at IS NOT NULL;
ALTER TABLE webhook_events SET (fillfactor = 80);
