-- Customers' voice notes, images and documents: a voice note's transcript is stored with the message;
-- each chatbot has the text sent when a voice note cannot be transcribed or a media file cannot be read
-- ("please write your question"); a message whose media could not be read says so.

ALTER TABLE messages ADD COLUMN transcript text;
COMMENT ON COLUMN messages.transcript IS 'What the customer said in a voice note, as the transcription provider heard it; null for other messages.';

ALTER TABLE chatbots ADD COLUMN please_write_message text NOT NULL DEFAULT
    'Ahora mismo no puedo escuchar tu nota de voz ni abrir tu archivo. ¿Podrías escribirme tu pregunta? / I can''t listen to your voice note or open your file right now. Could you type your question?';
COMMENT ON COLUMN chatbots.please_write_message IS 'Sent instead of an answer when a voice note cannot be transcribed (no provider, provider down) or a customer''s image or document cannot be downloaded or read.';

ALTER DOMAIN not_answered_reason DROP CONSTRAINT not_answered_reason_check;
ALTER DOMAIN not_answered_reason ADD CONSTRAINT not_answered_reason_check CHECK (VALUE IN (
    'manual_mode',           -- a human agent has the conversation
    'chatbot_inactive',      -- chatbot switched off
    'organization_inactive', -- organisation switched off
    'unknown_number',        -- no chatbot for the phone number id
    'quota_exceeded',        -- monthly message/token quota used up (fallback_message_limit sent)
    'rate_limited',          -- plan-tier hourly limit of the chatbot number
    'too_long',              -- longer than the plan-tier message length limit
    'unsupported_type',      -- sticker, location, video without caption ... (unsupported_message sent)
    'reaction',              -- reactions are stored, never answered
    'empty_message',         -- nothing to answer
    'processing_failed',     -- gave up after the bounded number of attempts
    'delivery_failed',       -- the reply could not be delivered to WhatsApp
    'customer_rate_limit',   -- the sender wrote more than the per-customer limit (hub.conversation.customer-rate-limit)
    'turn_timeout',          -- the answer took longer than hub.conversation.turn-timeout (fallback_message_error sent)
    'media_unreadable'       -- a voice note, image or document could not be downloaded, checked, transcribed or read (please_write_message sent)
));
