-- messages.direction was a stored generated column, and PostgreSQL reads a generated column's expression again for
-- every statement that inserts into the table (twice per answered message). The trigger that already fills a
-- message's scope sets it now, from the role, on insert and whenever the role changes; stored values are kept.
ALTER TABLE messages ALTER COLUMN direction DROP EXPRESSION;

CREATE OR REPLACE FUNCTION messages_fill_scope() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contact_id IS NOT NULL AND (NEW.chatbot_id IS NULL OR NEW.organization_id IS NULL) THEN
        SELECT coalesce(NEW.chatbot_id, ct.chatbot_id), coalesce(NEW.organization_id, ct.organization_id)
          INTO NEW.chatbot_id, NEW.organization_id
          FROM contacts ct WHERE ct.id = NEW.contact_id;
    ELSIF NEW.organization_id IS NULL AND NEW.chatbot_id IS NOT NULL THEN
        SELECT c.organization_id INTO NEW.organization_id FROM chatbots c WHERE c.id = NEW.chatbot_id;
    END IF;
    NEW.direction := CASE WHEN NEW.role = 'user' THEN 'inbound'
                          WHEN NEW.role IN ('assistant', 'agent') THEN 'outbound'
                          ELSE 'internal' END;
    RETURN NEW;
END
$$;

DROP TRIGGER messages_fill_scope ON messages;
CREATE TRIGGER messages_fill_scope BEFORE INSERT OR UPDATE OF role, direction ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_fill_scope();

COMMENT ON COLUMN messages.direction IS 'inbound (role user), outbound (assistant, agent) or internal; set from the role by messages_fill_scope.';
