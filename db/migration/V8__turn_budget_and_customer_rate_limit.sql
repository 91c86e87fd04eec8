-- Limits per customer message: a sender over the per-customer rate limit, and a message whose answer
-- ran out of its time budget, are recorded with their reasons; a tool call the agent asked for after
-- the message's tool-call budget was spent is recorded as skipped (not run), and a call of a tool the
-- chatbot does not have is recorded with the tool type unknown.

ALTER DOMAIN not_answered_reason DROP CONSTRAINT not_answered_reason_check;
ALTER DOMAIN not_answered_reason ADD CONSTRAINT not_answered_reason_check CHECK (VALUE IN (
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
    'delivery_failed',       -- the reply could not be delivered to WhatsApp
    'customer_rate_limit',   -- the sender wrote more than the per-customer limit (hub.conversation.customer-rate-limit)
    'turn_timeout'           -- the answer took longer than hub.conversation.turn-timeout (fallback_message_error sent)
));

ALTER TABLE tool_executions DROP CONSTRAINT tool_executions_status_check;
ALTER TABLE tool_executions ADD CONSTRAINT tool_executions_status_check
    CHECK (status IN ('pending', 'success', 'failed', 'timeout', 'skipped'));
COMMENT ON COLUMN tool_executions.status IS 'success, failed, timeout (also: stopped when the message ran out of time), or skipped: asked for after the message''s tool-call budget (hub.tools.max-calls-per-turn) was spent, not run.';

ALTER TABLE tool_executions DROP CONSTRAINT tool_executions_tool_type_check;
ALTER TABLE tool_executions ADD CONSTRAINT tool_executions_tool_type_check
    CHECK (tool_type IN ('builtin', 'route', 'http', 'mcp', 'unknown'));
