-- PostgreSQL reads a table's CHECK expressions again for every statement that writes to it, and a list of text values
-- is the costliest to read (messages.message_type has 17; two messages and three event writes per answered message).
-- The enumerations of the tables the pipeline writes for every message are checked by IMMUTABLE PL/pgSQL functions:
-- the constraint is a call, read at once, and the list is compiled once per session. Same values, same constraint names.
CREATE FUNCTION is_message_role(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN p_value IN ('user', 'assistant', 'system', 'tool', 'agent');
END
$$;
CREATE FUNCTION is_message_type(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN p_value IN ('text', 'interactive', 'button', 'image', 'video', 'audio', 'document', 'sticker', 'location',
                       'contacts', 'reaction', 'order', 'system', 'request_welcome', 'template', 'unsupported', 'unknown');
END
$$;
CREATE FUNCTION is_delivery_status(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN p_value IN ('pending', 'sent', 'delivered', 'read', 'failed');
END
$$;
CREATE FUNCTION is_webhook_event_status(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN p_value IN ('received', 'processing', 'completed', 'failed', 'skipped', 'duplicate');
END
$$;
CREATE FUNCTION is_reply_status(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN p_value IN ('sending', 'uncertain', 'sent', 'failed', 'skipped');
END
$$;

ALTER TABLE messages
    DROP CONSTRAINT messages_role_check,
    ADD CONSTRAINT messages_role_check CHECK (is_message_role(role)),
    DROP CONSTRAINT messages_message_type_check,
    ADD CONSTRAINT messages_message_type_check CHECK (is_message_type(message_type)),
    DROP CONSTRAINT messages_delivery_status_check,
    ADD CONSTRAINT messages_delivery_status_check CHECK (is_delivery_status(delivery_status));
ALTER TABLE webhook_events
    DROP CONSTRAINT webhook_events_status_check,
    ADD CONSTRAINT webhook_events_status_check CHECK (is_webhook_event_status(status)),
    DROP CONSTRAINT webhook_events_reply_status_check,
    ADD CONSTRAINT webhook_events_reply_status_check CHECK (is_reply_status(reply_status));
