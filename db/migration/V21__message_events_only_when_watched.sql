-- The trigger of every stored message (two per answered message) looks for a watcher of the organisation before it
-- builds the live event: most organisations have no console open, and it built the event and called
-- notify_hub_event for nothing. Same behaviour: a notification only while the organisation is watched.
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
    IF NEW.role IN ('user', 'assistant', 'agent')
       AND EXISTS (SELECT 1 FROM watched_organizations w
                    WHERE w.organization_id = NEW.organization_id AND w.watched_until > now()) THEN
        PERFORM notify_hub_event(NEW.organization_id, 'message', jsonb_build_object(
            'contact_id', NEW.contact_id, 'message_id', NEW.id, 'direction', NEW.direction));
    END IF;
    RETURN NULL;
END
$$;
