-- WhatsApp Agent Hub schema, part 1: tenants, users, API keys, chatbots, tools, contacts.
--
-- Needs the extensions `vector` and `pgcrypto`, created by db/setup.sh as a superuser before
-- Flyway runs. This migration never creates extensions: the hub's role is not a superuser.
-- See db/SCHEMA.md for the operator's description of every table, function and view.

-- ---------------------------------------------------------------------------------------------
-- Shared trigger functions
-- ---------------------------------------------------------------------------------------------

-- BEFORE UPDATE: keeps updated_at current. Only attached to tables that have the column.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- BEFORE INSERT: a row that names its chatbot but not its organisation gets the chatbot's
-- organisation, so statements written against the seed schema (which had no organization_id on
-- these tables) keep working. Composite foreign keys then guarantee that both agree.
CREATE FUNCTION fill_organization_id_from_chatbot() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organization_id IS NULL AND NEW.chatbot_id IS NOT NULL THEN
        SELECT c.organization_id INTO NEW.organization_id FROM chatbots c WHERE c.id = NEW.chatbot_id;
    END IF;
    RETURN NEW;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- organizations: tenants, their plan, monthly quotas, billing period and knowledge quotas
-- ---------------------------------------------------------------------------------------------
CREATE TABLE organizations (
    id                               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                             text NOT NULL CHECK (btrim(name) <> ''),
    slug                             text UNIQUE,
    plan_tier                        text NOT NULL DEFAULT 'free'
                                     CHECK (plan_tier IN ('free', 'starter', 'pro', 'enterprise')),
    is_active                        boolean NOT NULL DEFAULT true,

    -- monthly quotas of the billing period
    message_limit_monthly            integer NOT NULL DEFAULT 100 CHECK (message_limit_monthly >= 0),
    token_limit_monthly              bigint NOT NULL DEFAULT 100000 CHECK (token_limit_monthly >= 0),
    billing_period_start             date NOT NULL DEFAULT CURRENT_DATE,
    billing_period_end               date NOT NULL DEFAULT (CURRENT_DATE + INTERVAL '1 month')::date,

    -- how the organisation's owner is notified (contact_owner tool)
    notification_method              text NOT NULL DEFAULT 'disabled'
                                     CHECK (notification_method IN ('disabled', 'slack', 'email', 'whatsapp')),
    slack_webhook_url                text,
    notification_email               text,
    notification_phone               text,

    -- knowledge-base quotas and their counters (counters are maintained by triggers, see V3)
    max_knowledge_pdfs               integer NOT NULL DEFAULT 10 CHECK (max_knowledge_pdfs >= 0),
    max_knowledge_urls               integer NOT NULL DEFAULT 5 CHECK (max_knowledge_urls >= 0),
    max_knowledge_ingestions_per_day integer NOT NULL DEFAULT 20 CHECK (max_knowledge_ingestions_per_day >= 0),
    max_knowledge_storage_mb         integer NOT NULL DEFAULT 100 CHECK (max_knowledge_storage_mb >= 0),
    current_knowledge_pdfs           integer NOT NULL DEFAULT 0 CHECK (current_knowledge_pdfs >= 0),
    current_knowledge_urls           integer NOT NULL DEFAULT 0 CHECK (current_knowledge_urls >= 0),
    current_storage_bytes            bigint NOT NULL DEFAULT 0 CHECK (current_storage_bytes >= 0),
    current_storage_mb               numeric(10,2) GENERATED ALWAYS AS
                                     (round(current_storage_bytes / 1048576.0, 2)) STORED,

    settings                         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    created_at                       timestamptz NOT NULL DEFAULT now(),
    updated_at                       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organizations_billing_period_check CHECK (billing_period_end > billing_period_start)
);
CREATE INDEX organizations_billing_period_end_idx ON organizations (billing_period_end);
CREATE TRIGGER organizations_set_updated_at BEFORE UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON TABLE organizations IS 'Tenants: plan tier, monthly message/token quotas, billing period, notification settings, knowledge quotas and counters.';
COMMENT ON COLUMN organizations.current_storage_bytes IS 'Exact bytes of all knowledge sources of the organisation; maintained by triggers on knowledge_sources.';
COMMENT ON COLUMN organizations.current_storage_mb IS 'current_storage_bytes in MiB, rounded to 2 decimals (generated, read-only).';

-- ---------------------------------------------------------------------------------------------
-- users: people of an organisation (owner is notified by the contact_owner tool)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    email           text NOT NULL UNIQUE CHECK (btrim(email) <> ''),
    full_name       text,
    role            text NOT NULL DEFAULT 'member'
                    CHECK (role IN ('owner', 'admin', 'agent', 'member', 'viewer')),
    phone_number    text,
    is_active       boolean NOT NULL DEFAULT true,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_organization_id_role_idx ON users (organization_id, role);
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- api_keys: bearer keys of one organisation, stored hashed
-- ---------------------------------------------------------------------------------------------
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (btrim(name) <> ''),
    key_prefix      text NOT NULL CHECK (btrim(key_prefix) <> ''),
    key_hash        text NOT NULL,
    created_by      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);
CREATE INDEX api_keys_organization_id_idx ON api_keys (organization_id, created_at DESC);
CREATE INDEX api_keys_key_prefix_idx ON api_keys (key_prefix);

COMMENT ON COLUMN api_keys.key_hash IS 'Hash of the full key (the key itself is shown once at creation and never stored).';
COMMENT ON COLUMN api_keys.key_prefix IS 'First characters of the key, shown in listings to recognise a key.';

-- ---------------------------------------------------------------------------------------------
-- org_integrations: tools an organisation can give its chatbots
-- ---------------------------------------------------------------------------------------------
CREATE TABLE org_integrations (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id       uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider              text NOT NULL CHECK (provider IN ('builtin', 'route', 'http', 'mcp', 'custom')),
    name                  text NOT NULL CHECK (btrim(name) <> ''),
    description           text,
    config                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    credentials_encrypted text,
    is_active             boolean NOT NULL DEFAULT true,
    last_discovered_at    timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT org_integrations_organization_id_name_key UNIQUE (organization_id, name),
    CONSTRAINT org_integrations_id_organization_id_key UNIQUE (id, organization_id)
);
CREATE TRIGGER org_integrations_set_updated_at BEFORE UPDATE ON org_integrations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON COLUMN org_integrations.config IS 'Tool configuration: description, llm_instructions, parameters (JSON schema), server_url, route, imported tools, header names ...';
COMMENT ON COLUMN org_integrations.credentials_encrypted IS 'Ciphertext (AES-GCM, key from the hub configuration) of the integration credentials; never plain text.';

-- ---------------------------------------------------------------------------------------------
-- chatbots: one agent per WhatsApp Business phone number
-- ---------------------------------------------------------------------------------------------
CREATE TABLE chatbots (
    id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id               uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                          text NOT NULL CHECK (btrim(name) <> ''),
    description                   text,
    whatsapp_phone_number_id      text NOT NULL CHECK (btrim(whatsapp_phone_number_id) <> ''),
    whatsapp_business_account_id  text,
    whatsapp_display_phone_number text,
    whatsapp_access_token         text,
    model_name                    text NOT NULL DEFAULT 'gemini-3-flash-preview',
    system_prompt                 text NOT NULL DEFAULT 'You are a helpful assistant.',
    persona                       text NOT NULL DEFAULT '',
    temperature                   numeric(3,2) NOT NULL DEFAULT 0.7 CHECK (temperature >= 0 AND temperature <= 2),
    rag_enabled                   boolean NOT NULL DEFAULT false,
    is_active                     boolean NOT NULL DEFAULT true,
    disabled_reason               text CHECK (disabled_reason IN ('operator', 'quota')),
    settings                      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    fallback_message_error        text NOT NULL DEFAULT 'Lo siento, estoy teniendo problemas técnicos. Por favor intenta de nuevo más tarde.',
    fallback_message_limit        text NOT NULL DEFAULT 'Lo siento, he alcanzado mi límite de uso. El administrador ha sido notificado.',
    unsupported_message           text NOT NULL DEFAULT 'Lo siento, por ahora solo puedo leer mensajes de texto. ¿Podrías escribir tu consulta?',
    text_search_config            regconfig NOT NULL DEFAULT 'simple',
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chatbots_whatsapp_phone_number_id_key UNIQUE (whatsapp_phone_number_id),
    CONSTRAINT chatbots_id_organization_id_key UNIQUE (id, organization_id)
);
CREATE INDEX chatbots_organization_id_idx ON chatbots (organization_id);
CREATE TRIGGER chatbots_set_updated_at BEFORE UPDATE ON chatbots
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- An active chatbot has no disabled_reason; a chatbot switched off without a reason was switched
-- off by an operator. Only chatbots disabled with reason 'quota' are re-enabled by
-- reset_billing_period().
CREATE FUNCTION chatbots_track_disabled_reason() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.is_active THEN
        NEW.disabled_reason := NULL;
    ELSIF NEW.disabled_reason IS NULL THEN
        NEW.disabled_reason := 'operator';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER chatbots_track_disabled_reason BEFORE INSERT OR UPDATE OF is_active, disabled_reason ON chatbots
    FOR EACH ROW EXECUTE FUNCTION chatbots_track_disabled_reason();

COMMENT ON TABLE chatbots IS 'Agents. whatsapp_phone_number_id (Meta phone number id) is the routing key of inbound webhooks.';
COMMENT ON COLUMN chatbots.whatsapp_access_token IS 'Ciphertext (AES-GCM, key from the hub configuration) of the Graph API token; never plain text, never returned by the API.';
COMMENT ON COLUMN chatbots.disabled_reason IS 'Why is_active is false: operator (manual, default) or quota (re-enabled by reset_billing_period).';
COMMENT ON COLUMN chatbots.text_search_config IS 'Text search configuration of this chatbot''s knowledge chunks (simple = no stemming, any language).';

-- ---------------------------------------------------------------------------------------------
-- chatbot_integrations: which of the organisation's tools a chatbot may use
-- ---------------------------------------------------------------------------------------------
CREATE TABLE chatbot_integrations (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL,
    chatbot_id        uuid NOT NULL,
    integration_id    uuid NOT NULL,
    is_enabled        boolean NOT NULL DEFAULT true,
    settings_override jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings_override) = 'object'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chatbot_integrations_chatbot_id_integration_id_key UNIQUE (chatbot_id, integration_id),
    CONSTRAINT chatbot_integrations_chatbot_fkey FOREIGN KEY (chatbot_id, organization_id)
        REFERENCES chatbots (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT chatbot_integrations_integration_fkey FOREIGN KEY (integration_id, organization_id)
        REFERENCES org_integrations (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX chatbot_integrations_integration_id_idx ON chatbot_integrations (integration_id);
CREATE TRIGGER chatbot_integrations_fill_organization_id BEFORE INSERT ON chatbot_integrations
    FOR EACH ROW EXECUTE FUNCTION fill_organization_id_from_chatbot();
CREATE TRIGGER chatbot_integrations_set_updated_at BEFORE UPDATE ON chatbot_integrations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- contacts: WhatsApp users talking to a chatbot
-- ---------------------------------------------------------------------------------------------
CREATE TABLE contacts (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL,
    chatbot_id        uuid NOT NULL,
    phone_number      text NOT NULL CHECK (btrim(phone_number) <> ''),
    wa_id             text,
    name              text,
    conversation_mode text NOT NULL DEFAULT 'auto' CHECK (conversation_mode IN ('auto', 'manual')),
    mode_changed_at   timestamptz,
    assigned_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    variables         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(variables) = 'object'),
    tags              text[],
    last_message_at   timestamptz,
    last_inbound_at   timestamptz,
    last_outbound_at  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contacts_chatbot_id_phone_number_key UNIQUE (chatbot_id, phone_number),
    CONSTRAINT contacts_id_chatbot_id_key UNIQUE (id, chatbot_id),
    CONSTRAINT contacts_chatbot_fkey FOREIGN KEY (chatbot_id, organization_id)
        REFERENCES chatbots (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX contacts_organization_id_last_message_idx ON contacts (organization_id, last_message_at DESC);
CREATE INDEX contacts_chatbot_id_last_message_idx ON contacts (chatbot_id, last_message_at DESC);
CREATE INDEX contacts_assigned_user_id_idx ON contacts (assigned_user_id) WHERE assigned_user_id IS NOT NULL;
CREATE TRIGGER contacts_fill_organization_id BEFORE INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION fill_organization_id_from_chatbot();
CREATE TRIGGER contacts_set_updated_at BEFORE UPDATE ON contacts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION contacts_track_mode_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.mode_changed_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER contacts_track_mode_change BEFORE UPDATE OF conversation_mode ON contacts
    FOR EACH ROW WHEN (OLD.conversation_mode IS DISTINCT FROM NEW.conversation_mode)
    EXECUTE FUNCTION contacts_track_mode_change();

COMMENT ON COLUMN contacts.phone_number IS 'WhatsApp user id of the customer (message.from; the business-scoped user id when from is absent).';
COMMENT ON COLUMN contacts.last_inbound_at IS 'Time of the customer''s last inbound message: start of the 24-hour customer service window.';
