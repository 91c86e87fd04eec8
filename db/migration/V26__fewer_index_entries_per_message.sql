-- Every answered message updates its contact and inserts a usage_logs row, and each index of those tables takes an
-- entry per write (a contact's update cannot be made in place: last_message_at is indexed). These indexes served
-- nothing the others do not.

-- contacts: the inbox index without its predicate also serves the contact search's organisation filter; the chatbot
-- filter and the chatbot key's cascade use contacts_chatbot_id_phone_number_key.
CREATE INDEX contacts_inbox_all_idx ON contacts (organization_id, last_message_at DESC, id DESC);
DROP INDEX contacts_inbox_idx;
ALTER INDEX contacts_inbox_all_idx RENAME TO contacts_inbox_idx;
DROP INDEX contacts_organization_id_last_message_idx;
DROP INDEX contacts_chatbot_id_last_message_idx;

-- usage_logs: the usage API reads an organisation's days; one index serves that, the organisation key's cascade and
-- the summary rebuild, in place of two keyed by created_at and period_start.
CREATE INDEX usage_logs_organization_id_date_bucket_idx ON usage_logs (organization_id, date_bucket);
DROP INDEX usage_logs_organization_id_created_at_idx;
DROP INDEX usage_logs_organization_id_period_idx;
