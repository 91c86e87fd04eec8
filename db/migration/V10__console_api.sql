-- The console's API: the inbox (unread counts, conversations waiting for a person, keyset pages), the
-- knowledge passages an agent reply used, and live events (NOTIFY hub_events) from every write path.

ALTER TABLE contacts
    ADD COLUMN needs_person boolean NOT NULL DEFAULT false,
    ADD COLUMN unread_count integer NOT NULL DEFAULT 0 CHECK (unread_count >= 0);
COMMENT ON COLUMN contacts.needs_person IS 'A customer message was left for a person (manual mode); cleared when a person replies or the conversation is handed back to the agent.';
COMMENT ON COLUMN contacts.unread_count IS 'Customer messages since the organisation last read the conversation (POST /api/conversations/{id}/read); maintained by a trigger on messages.';

ALTER TABLE messages ADD COLUMN passages jsonb CHECK (passages IS NULL OR jsonb_typeof(passages) = 'array');
COMMENT ON COLUMN messages.passages IS 'Knowledge passages the retrieval gave the agent for this reply: chunk_id, source_id, source_name, page, url, score.';

-- the inbox: an organisation's conversations most recent first, pages by (last_message_at, id)
CREATE INDEX contacts_inbox_idx ON contacts (organization_id, last_message_at DESC, id DESC)
    WHERE last_message_at IS NOT NULL;
CREATE INDEX contacts_inbox_needs_person_idx ON contacts (organization_id, last_message_at DESC, id DESC)
    WHERE needs_person AND last_message_at IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Live events: pg_notify('hub_events', {"organization_id", "event", ...}) on commit, so a console
-- connected to any hub instance sees what any instance wrote.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION notify_hub_event(p_organization_id uuid, p_event text, p_fields jsonb) RETURNS void
LANGUAGE sql AS $$
    SELECT pg_notify('hub_events', (jsonb_build_object('organization_id', p_organization_id, 'event', p_event) || p_fields)::text)
     WHERE p_organization_id IS NOT NULL
$$;

-- A customer message counts as unread and, left for a person, marks the conversation; a person's
-- reply clears the mark. Every stored message is an event.
CREATE FUNCTION messages_track_conversation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contact_id IS NOT NULL THEN
        IF NEW.role = 'user' THEN
            UPDATE contacts
               SET unread_count = unread_count + 1,
                   needs_person = needs_person OR NEW.not_answered_reason IS NOT DISTINCT FROM 'manual_mode'
             WHERE id = NEW.contact_id;
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
CREATE TRIGGER messages_track_conversation AFTER INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_track_conversation();

-- a message a human took over while the agent was preparing its reply is left for a person too
CREATE FUNCTION messages_track_left_for_person() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE contacts SET needs_person = true WHERE id = NEW.contact_id AND NOT needs_person;
    RETURN NULL;
END
$$;
CREATE TRIGGER messages_track_left_for_person AFTER UPDATE OF not_answered_reason ON messages
    FOR EACH ROW WHEN (NEW.role = 'user' AND NEW.contact_id IS NOT NULL AND NEW.not_answered_reason = 'manual_mode'
                       AND OLD.not_answered_reason IS DISTINCT FROM NEW.not_answered_reason)
    EXECUTE FUNCTION messages_track_left_for_person();

CREATE FUNCTION messages_notify_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM notify_hub_event(NEW.organization_id, 'status', jsonb_build_object(
        'contact_id', NEW.contact_id, 'message_id', NEW.id, 'status', NEW.delivery_status));
    RETURN NULL;
END
$$;
CREATE TRIGGER messages_notify_status AFTER UPDATE OF delivery_status ON messages
    FOR EACH ROW WHEN (OLD.delivery_status IS DISTINCT FROM NEW.delivery_status)
    EXECUTE FUNCTION messages_notify_status();

-- handing a conversation back to the agent ends the wait for a person
CREATE OR REPLACE FUNCTION contacts_track_mode_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.mode_changed_at := now();
    IF NEW.conversation_mode = 'auto' THEN
        NEW.needs_person := false;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION contacts_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM notify_hub_event(NEW.organization_id, 'contact', jsonb_build_object('contact_id', NEW.id));
    RETURN NULL;
END
$$;
CREATE TRIGGER contacts_notify_change AFTER UPDATE ON contacts
    FOR EACH ROW WHEN (OLD.conversation_mode IS DISTINCT FROM NEW.conversation_mode
                       OR OLD.needs_person IS DISTINCT FROM NEW.needs_person
                       OR OLD.name IS DISTINCT FROM NEW.name
                       OR OLD.tags IS DISTINCT FROM NEW.tags
                       OR (OLD.unread_count > 0 AND NEW.unread_count = 0))
    EXECUTE FUNCTION contacts_notify_change();

CREATE FUNCTION knowledge_sources_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_row knowledge_sources%ROWTYPE;
BEGIN
    v_row := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    PERFORM notify_hub_event(v_row.organization_id, 'source', jsonb_build_object(
        'source_id', v_row.id,
        'status', CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE v_row.sync_status END,
        'progress', CASE WHEN v_row.sync_status = 'synced' THEN 100
                         WHEN coalesce(v_row.chunks_total, 0) > 0
                         THEN least(100, (100 * v_row.chunks_embedded / v_row.chunks_total))
                         ELSE 0 END));
    RETURN NULL;
END
$$;
CREATE TRIGGER knowledge_sources_notify_insert_delete AFTER INSERT OR DELETE ON knowledge_sources
    FOR EACH ROW EXECUTE FUNCTION knowledge_sources_notify_change();
CREATE TRIGGER knowledge_sources_notify_update AFTER UPDATE ON knowledge_sources
    FOR EACH ROW WHEN (OLD.sync_status IS DISTINCT FROM NEW.sync_status
                       OR OLD.chunks_embedded IS DISTINCT FROM NEW.chunks_embedded
                       OR OLD.chunks_total IS DISTINCT FROM NEW.chunks_total)
    EXECUTE FUNCTION knowledge_sources_notify_change();
