-- The unread count is kept by the contact upsert the pipeline runs for every customer message, in the transaction that
-- stores the message: one write of the contact per message instead of two. The trigger still marks a conversation left
-- for a person and clears the mark when a person replies.
CREATE OR REPLACE FUNCTION messages_track_conversation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contact_id IS NOT NULL THEN
        IF NEW.role = 'user' AND NEW.not_answered_reason IS NOT DISTINCT FROM 'manual_mode' THEN
            UPDATE contacts SET needs_person = true WHERE id = NEW.contact_id AND NOT needs_person;
        ELSIF NEW.role = 'agent' THEN
            UPDATE contacts SET needs_person = false WHERE id = NEW.contact_id AND needs_person;
        END IF;
    END IF;
    IF NEW.role IN ('user', 'assistant', 'agent') THEN
        PERFORM notify_hub_event(NEW.organization_id, 'message', jsonb_build_object(
            'contact_id', NEW.contact_id, 'message_id', NEW.id, 'direction', NEW.direction));
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON COLUMN contacts.unread_count IS 'Customer messages since the organisation last read the conversation (POST /api/conversations/{id}/read); counted by the pipeline''s contact upsert.';
