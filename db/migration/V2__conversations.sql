-- WhatsApp Agent Hub schema, part 2: the conversation pipeline.
-- webhook_events (idempotency + processing state), messages, usage_logs/usage_summary,
-- tool_executions, system_alerts, leads, rate-limit hits and the sandbox outbox.

-- Why an inbound message was not answered by the agent (messages.not_answered_reason and
-- webhook_events.skip_reason share this list).
CREATE DOMAIN not_answered_reason AS text CHECK (VALUE IN (
    'manual_mode',           -- a human agent has the conversation
    'chatbot_inactive',      -- chatbot switched off
    'organization_inactive', -- organisation switched off
    'unknown_number',        -- no chatbot for the phone number id
    'quota_exceeded',        -- monthly message/token quota used up (fallback_message_limit sent)
    'rate_limited',          -- plan-tier hourly limit of the chatbot number
    'too_long',              -- longer than the plan-tier message length limit
    'unsupported_type',      -- audio, sticker, location ... (unsupported_message sent)
    'reaction',              -- reactions are stored, never answered
    'empty_message',         -- nothing to answer
    'processing_failed',     -- gave up after the bounded number of attempts
    'delivery_failed'        -- the reply could not be delivered to WhatsApp
));

-- ---------------------------------------------------------------------------------------------
-- webhook_events: one row per inbound wamid; idempotency key and processing state
-- ---------------------------------------------------------------------------------------------
CREATE TABLE webhook_events (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    whatsapp_message_id       text NOT NULL CHECK (btrim(whatsapp_message_id) <> ''),
    phone_number_id           text NOT NULL,
    chatbot_id                uuid REFERENCES chatbots (id) ON DELETE SET NULL,
    organization_id           uuid REFERENCES organizations (id) ON DELETE SET NULL,

    status                    text NOT NULL DEFAULT 'received'
                              CHECK (status IN ('received', 'processing', 'completed', 'failed', 'skipped', 'duplicate')),
    skip_reason               not_answered_reason,
    error_message             text,
    last_error_at             timestamptz,

    -- processing attempts and lease (a crashed worker's claim expires at locked_until)
    attempts                  integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    retry_count               integer GENERATED ALWAYS AS (GREATEST(attempts - 1, 0)) STORED,
    locked_by                 text,
    locked_until              timestamptz,

    -- outcome of the reply: a redelivered message whose reply was sent is not answered again
    reply_status              text CHECK (reply_status IN ('sending', 'sent', 'failed', 'skipped')),
    reply_whatsapp_message_id text,
    reply_sent_at             timestamptz,

    raw_payload               jsonb,
    received_at               timestamptz NOT NULL DEFAULT now(),
    processed_at              timestamptz,
    processing_time_ms        integer,
    expires_at                timestamptz NOT NULL DEFAULT now() + INTERVAL '7 days',
    updated_at                timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT webhook_events_whatsapp_message_id_key UNIQUE (whatsapp_message_id),
    CONSTRAINT webhook_events_skip_reason_check CHECK (status <> 'skipped' OR skip_reason IS NOT NULL)
);
CREATE INDEX webhook_events_status_locked_until_idx ON webhook_events (status, locked_until);
CREATE INDEX webhook_events_expires_at_idx ON webhook_events (expires_at);
CREATE INDEX webhook_events_chatbot_id_idx ON webhook_events (chatbot_id, received_at DESC);
CREATE INDEX webhook_events_organization_id_idx ON webhook_events (organization_id) WHERE organization_id IS NOT NULL;
CREATE TRIGGER webhook_events_set_updated_at BEFORE UPDATE ON webhook_events
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

COMMENT ON TABLE webhook_events IS 'Idempotency and processing state of every inbound WhatsApp message (key: wamid). Rows expire after 7 days (cleanup_old_webhook_events).';
COMMENT ON COLUMN webhook_events.error_message IS 'Last processing error.';
COMMENT ON COLUMN webhook_events.retry_count IS 'attempts - 1 (generated, read-only; kept for the seed''s SQL).';

-- ---------------------------------------------------------------------------------------------
-- messages: conversation history, inbound and outbound, with delivery status
-- ---------------------------------------------------------------------------------------------
CREATE TABLE messages (
    id                           bigserial PRIMARY KEY,
    organization_id              uuid REFERENCES organizations (id) ON DELETE CASCADE,
    chatbot_id                   uuid,
    contact_id                   uuid,
    role                         text NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool', 'agent')),
    direction                    text GENERATED ALWAYS AS (
                                     CASE WHEN role = 'user' THEN 'inbound'
                                          WHEN role IN ('assistant', 'agent') THEN 'outbound'
                                          ELSE 'internal' END) STORED,
    message_type                 text NOT NULL DEFAULT 'text' CHECK (message_type IN (
                                     'text', 'interactive', 'button', 'image', 'video', 'audio', 'document',
                                     'sticker', 'location', 'contacts', 'reaction', 'order', 'system',
                                     'request_welcome', 'template', 'unsupported', 'unknown')),
    content                      text NOT NULL DEFAULT '',

    whatsapp_phone_number_id     text,
    phone_number                 text,
    whatsapp_message_id          text,
    outbound_whatsapp_message_id text,
    whatsapp_timestamp           timestamptz,
    reply_to_message_id          bigint REFERENCES messages (id) ON DELETE SET NULL,
    part_index                   smallint NOT NULL DEFAULT 0 CHECK (part_index >= 0),

    -- delivery of outbound messages (statuses webhooks)
    delivery_status              text CHECK (delivery_status IN ('pending', 'sent', 'delivered', 'read', 'failed')),
    sent_at                      timestamptz,
    delivered_at                 timestamptz,
    read_at                      timestamptz,
    failed_at                    timestamptz,
    delivery_error_code          text,
    delivery_error               text,

    not_answered_reason          not_answered_reason,
    tool_calls                   jsonb,
    tool_results                 jsonb,
    metadata                     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    sent_by_user_id              uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at                   timestamptz NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT messages_contact_fkey FOREIGN KEY (contact_id, chatbot_id)
        REFERENCES contacts (id, chatbot_id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT messages_chatbot_fkey FOREIGN KEY (chatbot_id, organization_id)
        REFERENCES chatbots (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX messages_contact_history_idx ON messages (contact_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX messages_whatsapp_message_id_key ON messages (whatsapp_message_id)
    WHERE whatsapp_message_id IS NOT NULL;
CREATE UNIQUE INDEX messages_outbound_whatsapp_message_id_key ON messages (outbound_whatsapp_message_id)
    WHERE outbound_whatsapp_message_id IS NOT NULL;
CREATE INDEX messages_chatbot_id_created_at_idx ON messages (chatbot_id, created_at DESC);
CREATE INDEX messages_organization_id_created_at_idx ON messages (organization_id, created_at DESC);
CREATE INDEX messages_reply_to_message_id_idx ON messages (reply_to_message_id) WHERE reply_to_message_id IS NOT NULL;
CREATE INDEX messages_sent_by_user_id_idx ON messages (sent_by_user_id) WHERE sent_by_user_id IS NOT NULL;

-- A message that names its contact gets the contact's chatbot and organisation.
CREATE FUNCTION messages_fill_scope() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contact_id IS NOT NULL AND (NEW.chatbot_id IS NULL OR NEW.organization_id IS NULL) THEN
        SELECT coalesce(NEW.chatbot_id, ct.chatbot_id), coalesce(NEW.organization_id, ct.organization_id)
          INTO NEW.chatbot_id, NEW.organization_id
          FROM contacts ct WHERE ct.id = NEW.contact_id;
    ELSIF NEW.organization_id IS NULL AND NEW.chatbot_id IS NOT NULL THEN
        SELECT c.organization_id INTO NEW.organization_id FROM chatbots c WHERE c.id = NEW.chatbot_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER messages_fill_scope BEFORE INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_fill_scope();

COMMENT ON TABLE messages IS 'Conversation history: every inbound message (also the unanswered ones, with not_answered_reason) and every outbound reply/agent message with its delivery status.';
COMMENT ON COLUMN messages.whatsapp_message_id IS 'wamid of an inbound message (unique).';
COMMENT ON COLUMN messages.outbound_whatsapp_message_id IS 'wamid Meta returned for an outbound message (unique); statuses webhooks refer to it.';
COMMENT ON COLUMN messages.part_index IS 'Outbound texts over 4096 characters are sent as ordered parts, one row per part (0, 1, ...).';
COMMENT ON COLUMN messages.reply_to_message_id IS 'For outbound rows: the inbound message this reply answers.';

-- ---------------------------------------------------------------------------------------------
-- usage_logs: one row per billed (delivered) reply
-- ---------------------------------------------------------------------------------------------
CREATE TABLE usage_logs (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    chatbot_id         uuid REFERENCES chatbots (id) ON DELETE CASCADE,
    contact_id         uuid REFERENCES contacts (id) ON DELETE SET NULL,
    message_id         bigint REFERENCES messages (id) ON DELETE SET NULL,
    webhook_event_id   uuid REFERENCES webhook_events (id) ON DELETE SET NULL,
    message_count      integer NOT NULL DEFAULT 1 CHECK (message_count >= 0),
    tokens_input       integer NOT NULL DEFAULT 0 CHECK (tokens_input >= 0),
    tokens_output      integer NOT NULL DEFAULT 0 CHECK (tokens_output >= 0),
    tokens_total       integer NOT NULL DEFAULT 0 CHECK (tokens_total >= 0),
    llm_calls          integer NOT NULL DEFAULT 0 CHECK (llm_calls >= 0),
    tool_calls         integer NOT NULL DEFAULT 0 CHECK (tool_calls >= 0),
    model_name         text,
    provider           text,
    estimated_cost_usd numeric(10,6) NOT NULL DEFAULT 0 CHECK (estimated_cost_usd >= 0),
    date_bucket        date NOT NULL DEFAULT CURRENT_DATE,
    period_start       date NOT NULL,
    period_end         date NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX usage_logs_organization_id_created_at_idx ON usage_logs (organization_id, created_at);
CREATE INDEX usage_logs_organization_id_period_idx ON usage_logs (organization_id, period_start);
CREATE INDEX usage_logs_chatbot_id_created_at_idx ON usage_logs (chatbot_id, created_at);
CREATE UNIQUE INDEX usage_logs_webhook_event_id_key ON usage_logs (webhook_event_id) WHERE webhook_event_id IS NOT NULL;
CREATE INDEX usage_logs_contact_id_idx ON usage_logs (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX usage_logs_message_id_idx ON usage_logs (message_id) WHERE message_id IS NOT NULL;

COMMENT ON TABLE usage_logs IS 'One row per billed reply (tokens, cost, model). Inserting, deleting or updating rows keeps usage_summary in step (trigger). At most one row per webhook event.';
COMMENT ON COLUMN usage_logs.period_start IS 'Billing period the row counts towards; defaults to the organisation''s current period at insert time.';

-- ---------------------------------------------------------------------------------------------
-- usage_summary: totals per organisation per billing period (derived from usage_logs)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE usage_summary (
    organization_id         uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    period_start            date NOT NULL,
    period_end              date NOT NULL,
    current_period_messages integer NOT NULL DEFAULT 0,
    current_period_tokens   bigint NOT NULL DEFAULT 0,
    tokens_input            bigint NOT NULL DEFAULT 0,
    tokens_output           bigint NOT NULL DEFAULT 0,
    estimated_cost_usd      numeric(14,6) NOT NULL DEFAULT 0,
    warning_alert_sent_at   timestamptz,
    limit_alert_sent_at     timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    last_updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, period_start)
);

COMMENT ON TABLE usage_summary IS 'Usage totals per organisation and billing period, maintained from usage_logs by trigger. get_current_usage() reads it. Do not write the counters directly.';
COMMENT ON COLUMN usage_summary.warning_alert_sent_at IS 'Set once when the 80% warning of this period was raised (UPDATE ... WHERE warning_alert_sent_at IS NULL).';
COMMENT ON COLUMN usage_summary.limit_alert_sent_at IS 'Set once when the QUOTA_EXCEEDED alert of this period was raised.';

-- BEFORE INSERT on usage_logs: organisation from the chatbot, billing period from the
-- organisation, tokens_total from input + output when not given.
CREATE FUNCTION usage_logs_fill_defaults() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organization_id IS NULL AND NEW.chatbot_id IS NOT NULL THEN
        SELECT c.organization_id INTO NEW.organization_id FROM chatbots c WHERE c.id = NEW.chatbot_id;
    END IF;
    IF NEW.period_start IS NULL OR NEW.period_end IS NULL THEN
        SELECT coalesce(NEW.period_start, o.billing_period_start), coalesce(NEW.period_end, o.billing_period_end)
          INTO NEW.period_start, NEW.period_end
          FROM organizations o WHERE o.id = NEW.organization_id;
    END IF;
    IF coalesce(NEW.tokens_total, 0) = 0 THEN
        NEW.tokens_total := coalesce(NEW.tokens_input, 0) + coalesce(NEW.tokens_output, 0);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER usage_logs_fill_defaults BEFORE INSERT ON usage_logs
    FOR EACH ROW EXECUTE FUNCTION usage_logs_fill_defaults();

-- AFTER INSERT/UPDATE/DELETE on usage_logs: usage_summary follows (increments and decrements).
CREATE FUNCTION usage_logs_maintain_summary() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE usage_summary us
           SET current_period_messages = us.current_period_messages - OLD.message_count,
               current_period_tokens   = us.current_period_tokens - OLD.tokens_total,
               tokens_input            = us.tokens_input - OLD.tokens_input,
               tokens_output           = us.tokens_output - OLD.tokens_output,
               estimated_cost_usd      = us.estimated_cost_usd - OLD.estimated_cost_usd,
               last_updated_at         = now()
         WHERE us.organization_id = OLD.organization_id
           AND us.period_start = OLD.period_start;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO usage_summary AS us
               (organization_id, period_start, period_end, current_period_messages, current_period_tokens,
                tokens_input, tokens_output, estimated_cost_usd, last_updated_at)
        VALUES (NEW.organization_id, NEW.period_start, NEW.period_end, NEW.message_count, NEW.tokens_total,
                NEW.tokens_input, NEW.tokens_output, NEW.estimated_cost_usd, now())
        ON CONFLICT (organization_id, period_start) DO UPDATE
           SET current_period_messages = us.current_period_messages + EXCLUDED.current_period_messages,
               current_period_tokens   = us.current_period_tokens + EXCLUDED.current_period_tokens,
               tokens_input            = us.tokens_input + EXCLUDED.tokens_input,
               tokens_output           = us.tokens_output + EXCLUDED.tokens_output,
               estimated_cost_usd      = us.estimated_cost_usd + EXCLUDED.estimated_cost_usd,
               last_updated_at         = now();
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER usage_logs_maintain_summary_ins_del AFTER INSERT OR DELETE ON usage_logs
    FOR EACH ROW EXECUTE FUNCTION usage_logs_maintain_summary();
CREATE TRIGGER usage_logs_maintain_summary_upd
    AFTER UPDATE OF organization_id, period_start, message_count, tokens_total, tokens_input, tokens_output,
                    estimated_cost_usd ON usage_logs
    FOR EACH ROW EXECUTE FUNCTION usage_logs_maintain_summary();

-- ---------------------------------------------------------------------------------------------
-- tool_executions: every tool call of the agent loop
-- ---------------------------------------------------------------------------------------------
CREATE TABLE tool_executions (
    id                bigserial PRIMARY KEY,
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    chatbot_id        uuid NOT NULL REFERENCES chatbots (id) ON DELETE CASCADE,
    contact_id        uuid REFERENCES contacts (id) ON DELETE SET NULL,
    message_id        bigint REFERENCES messages (id) ON DELETE CASCADE,
    webhook_event_id  uuid,
    integration_id    uuid REFERENCES org_integrations (id) ON DELETE SET NULL,
    tool_name         text NOT NULL,
    tool_type         text NOT NULL CHECK (tool_type IN ('builtin', 'route', 'http', 'mcp')),
    arguments         jsonb NOT NULL DEFAULT '{}',
    result            jsonb,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'success', 'failed', 'timeout')),
    error_message     text,
    execution_time_ms integer CHECK (execution_time_ms >= 0),
    iteration         integer NOT NULL DEFAULT 1 CHECK (iteration >= 1),
    created_at        timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz
);
CREATE INDEX tool_executions_organization_id_created_at_idx ON tool_executions (organization_id, created_at DESC);
CREATE INDEX tool_executions_chatbot_id_created_at_idx ON tool_executions (chatbot_id, created_at DESC);
CREATE INDEX tool_executions_analytics_idx ON tool_executions (organization_id, tool_name, status, created_at DESC);
CREATE INDEX tool_executions_failures_idx ON tool_executions (created_at DESC) WHERE status IN ('failed', 'timeout');
CREATE INDEX tool_executions_message_id_idx ON tool_executions (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX tool_executions_integration_id_idx ON tool_executions (integration_id) WHERE integration_id IS NOT NULL;
CREATE INDEX tool_executions_contact_id_idx ON tool_executions (contact_id) WHERE contact_id IS NOT NULL;
CREATE TRIGGER tool_executions_fill_organization_id BEFORE INSERT ON tool_executions
    FOR EACH ROW EXECUTE FUNCTION fill_organization_id_from_chatbot();

CREATE FUNCTION tool_executions_set_completed_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'pending' AND NEW.completed_at IS NULL THEN
        NEW.completed_at := now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tool_executions_set_completed_at BEFORE INSERT OR UPDATE OF status ON tool_executions
    FOR EACH ROW EXECUTE FUNCTION tool_executions_set_completed_at();

COMMENT ON TABLE tool_executions IS 'Every tool call of the agent loop: tool, type, integration, arguments, result or error, status, duration, iteration.';
COMMENT ON COLUMN tool_executions.webhook_event_id IS 'Inbound event being answered. Not a foreign key: events expire after 7 days, executions are kept.';

-- ---------------------------------------------------------------------------------------------
-- system_alerts: operational alerts, deduplicated
-- ---------------------------------------------------------------------------------------------
CREATE TABLE system_alerts (
    id               bigserial PRIMARY KEY,
    organization_id  uuid REFERENCES organizations (id) ON DELETE CASCADE,
    chatbot_id       uuid REFERENCES chatbots (id) ON DELETE CASCADE,
    type             text NOT NULL CHECK (type IN (
                         'QUOTA_EXCEEDED', 'QUOTA_WARNING', 'RATE_LIMIT_EXCEEDED', 'LLM_FAILURE',
                         'DELIVERY_FAILURE', 'TOOL_FAILURE', 'RAG_FAILURE', 'INGESTION_FAILURE',
                         'WEBHOOK_FAILURE', 'SECURITY_WARNING', 'OTHER')),
    severity         text NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'error', 'critical')),
    message          text NOT NULL,
    metadata         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    dedup_key        text,
    occurrence_count integer NOT NULL DEFAULT 1 CHECK (occurrence_count >= 1),
    last_seen_at     timestamptz NOT NULL DEFAULT now(),
    notified_at      timestamptz,
    acknowledged     boolean NOT NULL DEFAULT false,
    acknowledged_by  text,
    acknowledged_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX system_alerts_organization_id_created_at_idx ON system_alerts (organization_id, created_at DESC);
CREATE INDEX system_alerts_dedup_idx ON system_alerts (dedup_key, created_at DESC) WHERE dedup_key IS NOT NULL;
CREATE INDEX system_alerts_unacknowledged_idx ON system_alerts (organization_id, created_at DESC) WHERE NOT acknowledged;
CREATE INDEX system_alerts_chatbot_id_idx ON system_alerts (chatbot_id) WHERE chatbot_id IS NOT NULL;
CREATE INDEX system_alerts_created_at_idx ON system_alerts (created_at DESC);

COMMENT ON TABLE system_alerts IS 'Alerts (quota, rate limit, LLM, delivery, tools, ingestion, security). Repeats within the dedup window increment occurrence_count (record_alert).';

-- ---------------------------------------------------------------------------------------------
-- leads: captured by the capture_lead tool, one per chatbot and phone
-- ---------------------------------------------------------------------------------------------
CREATE TABLE leads (
    id                 bigserial PRIMARY KEY,
    organization_id    uuid NOT NULL,
    chatbot_id         uuid NOT NULL,
    contact_id         uuid REFERENCES contacts (id) ON DELETE SET NULL,
    phone              text NOT NULL CHECK (btrim(phone) <> ''),
    name               text,
    email              text,
    company            text,
    estimated_messages integer,
    notes              text,
    contact_count      integer NOT NULL DEFAULT 1 CHECK (contact_count >= 1),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT leads_chatbot_id_phone_key UNIQUE (chatbot_id, phone),
    CONSTRAINT leads_chatbot_fkey FOREIGN KEY (chatbot_id, organization_id)
        REFERENCES chatbots (id, organization_id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX leads_organization_id_idx ON leads (organization_id, updated_at DESC);
CREATE INDEX leads_contact_id_idx ON leads (contact_id) WHERE contact_id IS NOT NULL;
CREATE TRIGGER leads_fill_organization_id BEFORE INSERT ON leads
    FOR EACH ROW EXECUTE FUNCTION fill_organization_id_from_chatbot();
CREATE TRIGGER leads_set_updated_at BEFORE UPDATE ON leads
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------
-- rate_limit_hits: rolling-window rate limiting shared by all hub instances
-- ---------------------------------------------------------------------------------------------
CREATE TABLE rate_limit_hits (
    id         bigserial PRIMARY KEY,
    bucket_key text NOT NULL,
    hit_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX rate_limit_hits_bucket_key_hit_at_idx ON rate_limit_hits (bucket_key, hit_at);

COMMENT ON TABLE rate_limit_hits IS 'Accepted requests per rate-limit bucket (e.g. the chatbot phone number id); written only through try_consume_rate_limit().';

-- ---------------------------------------------------------------------------------------------
-- sandbox_outbox: outbound messages recorded instead of calling Meta (sandbox mode)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE sandbox_outbox (
    id                       bigserial PRIMARY KEY,
    chatbot_id               uuid REFERENCES chatbots (id) ON DELETE CASCADE,
    whatsapp_phone_number_id text NOT NULL,
    recipient                text NOT NULL,
    whatsapp_message_id      text NOT NULL,
    payload                  jsonb NOT NULL,
    created_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_outbox_chatbot_id_idx ON sandbox_outbox (chatbot_id, id DESC);
CREATE INDEX sandbox_outbox_phone_idx ON sandbox_outbox (whatsapp_phone_number_id, id DESC);

COMMENT ON TABLE sandbox_outbox IS 'Graph API requests the hub would have sent, recorded in sandbox mode (hub.whatsapp.graph-base-url=sandbox).';
