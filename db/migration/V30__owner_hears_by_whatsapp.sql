-- The organisation's owner can be told on WhatsApp at notification_phone, from the number of the chatbot the message
-- is about: as an approved template with one body parameter (the only kind WhatsApp delivers more than 24 hours
-- after the owner's last message to that number), or as text when no template is named.
ALTER TABLE organizations
    ADD COLUMN notify_whatsapp_template text,
    ADD COLUMN notify_whatsapp_language text;
COMMENT ON COLUMN organizations.notification_phone IS 'The owner''s WhatsApp number (digits, with country code) for notification_method whatsapp.';
COMMENT ON COLUMN organizations.notify_whatsapp_template IS 'An approved message template with one body parameter that carries the notification; null: plain text.';
COMMENT ON COLUMN organizations.notify_whatsapp_language IS 'The language code of notify_whatsapp_template, as Meta lists it (es, es_MX, en_US).';
