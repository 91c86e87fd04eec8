package hub.conversation;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import hub.Json;
import hub.StorableText;
import hub.whatsapp.graph.TextSplitter;
import org.springframework.stereotype.Repository;

/** The statements of the conversation pipeline: webhook events, contacts, messages, usage, tool executions. */
@Repository
public class ConversationRepository {

    // a reply whose send was cut (stored, no outcome) waits as uncertain, due to be sent again uncertainSendWait (?) after
    // its send began unless its status webhook proves it went out first
    private static final String SENDING_BECOMES_UNCERTAIN = """
            reply_status = CASE WHEN reply_status = 'sending' AND pending_reply IS NOT NULL THEN 'uncertain'
                                ELSE reply_status END,
            resend_due_at = CASE WHEN reply_status = 'sending' AND pending_reply IS NOT NULL
                                 THEN reply_sending_at + make_interval(secs => ?) ELSE resend_due_at END
            """;
    // a burst an earlier run was answering, not yet being sent, waits again: the burst sweep answers it at once
    // a burst not yet answered is due again at once; a reply the earlier run was sending waits as uncertain
    private static final String EXPIRE_LEASES_OF_EARLIER_RUNS = """
            UPDATE webhook_events SET locked_until = now(),
                   burst_due_at = CASE WHEN contact_id IS NOT NULL AND reply_status IS NULL THEN now() ELSE burst_due_at END,
                   """ + SENDING_BECOMES_UNCERTAIN + """
             WHERE status = 'processing' AND locked_until > now() AND locked_by LIKE ? AND locked_by <> ?""";
    private static final String CHATBOT_CONTEXT = """
            SELECT c.id, c.organization_id, c.name, c.whatsapp_access_token, c.model_name, c.system_prompt, c.persona,
                   c.temperature, c.rag_enabled, c.is_active, c.fallback_message_error, c.fallback_message_limit,
                   c.unsupported_message, c.please_write_message, c.language, o.plan_tier, o.is_active AS organization_active,
                   u.messages_used, u.tokens_used, u.message_limit, u.token_limit, u.period_start, u.period_end
              FROM chatbots c
              JOIN organizations o ON o.id = c.organization_id
             CROSS JOIN LATERAL get_current_usage(o.id) u
             WHERE c.whatsapp_phone_number_id = ?""";
    // the claim; for a claimed message the chatbot's context and, unless its reply went out before, the contact upserted,
    // all in one statement (no context row: an unknown number). The message counts as unread once: a redelivery finds
    // it stored.
    private static final String CLAIM = """
            WITH cl AS MATERIALIZED (SELECT * FROM claim_webhook_event(?, ?, ?, make_interval(secs => ?), ?, NULL)),
                 ctx AS MATERIALIZED (""" + CHATBOT_CONTEXT + """
             AND EXISTS (SELECT 1 FROM cl WHERE cl.claimed)),
                 ct AS (
                     INSERT INTO contacts (organization_id, chatbot_id, phone_number, wa_id, name, last_message_at,
                                           last_inbound_at, unread_count)
                     SELECT ctx.organization_id, ctx.id, ?, ?, ?, now(), now(), 1 FROM ctx
                      WHERE NOT EXISTS (SELECT 1 FROM cl WHERE cl.reply_status IN ('sent', 'sending', 'uncertain'))
                     ON CONFLICT (chatbot_id, phone_number) DO UPDATE
                        SET name = coalesce(EXCLUDED.name, contacts.name), last_message_at = now(), last_inbound_at = now(),
                            unread_count = contacts.unread_count
                                + CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.whatsapp_message_id = ?) THEN 0 ELSE 1 END
                     RETURNING id AS contact_id, conversation_mode, variables::text AS contact_variables, tags AS contact_tags)
            SELECT cl.webhook_event_id, cl.claimed, cl.status, cl.attempts, cl.reply_status, ctx.*, ct.*
              FROM cl LEFT JOIN ctx ON true LEFT JOIN ct ON true""";
    private static final String CHATBOT = """
            SELECT c.id, c.organization_id, c.name, c.whatsapp_phone_number_id, c.model_name, c.system_prompt, c.persona,
                   c.temperature, c.rag_enabled, c.fallback_message_error, c.fallback_message_limit, c.unsupported_message,
                   c.please_write_message, c.language, o.plan_tier
              FROM chatbots c JOIN organizations o ON o.id = c.organization_id
             WHERE c.id = ? AND c.organization_id = ?""";
    // %s: the message's reason not to be answered
    private static final String STORE = """
            INSERT INTO messages AS stored (organization_id, chatbot_id, contact_id, role, message_type, content,
                                            whatsapp_phone_number_id, phone_number, whatsapp_message_id,
                                            whatsapp_timestamp, not_answered_reason, metadata)
            VALUES (?, ?, ?, 'user', ?, ?, ?, ?, ?, ?, %s, ?::jsonb)
            ON CONFLICT (whatsapp_message_id) WHERE whatsapp_message_id IS NOT NULL
            DO UPDATE SET not_answered_reason = EXCLUDED.not_answered_reason
            RETURNING id""";
    private static final String STORE_INBOUND = STORE.formatted("?::not_answered_reason");
    // a message the agent answers if the chatbot's hourly budget allows: the statement that stores it consumes one unit
    // of the budget, or stores it as rate_limited when the budget is spent (a message that is not stored consumes nothing)
    private static final String STORE_WITHIN_HOURLY_BUDGET = """
            WITH budget AS MATERIALIZED (SELECT allowed FROM try_consume_rate_limit(?, ?, interval '1 hour'))
            """ + STORE.formatted("(SELECT CASE WHEN allowed THEN NULL ELSE 'rate_limited' END FROM budget)::not_answered_reason")
            + ", (SELECT allowed FROM budget)";
    // the chatbot's enabled tools as one JSON array, by name
    private static final String TOOLS = """
            SELECT coalesce(json_agg(json_build_object('id', oi.id, 'provider', oi.provider, 'name', oi.name,
                                                       'description', oi.description, 'config', oi.config,
                                                       'override', ci.settings_override) ORDER BY oi.name), '[]')::text
              FROM chatbot_integrations ci JOIN org_integrations oi ON oi.id = ci.integration_id
             WHERE ci.chatbot_id = ? AND ci.is_enabled AND oi.is_active AND oi.provider <> 'custom'""";
    // the conversation's last messages, oldest first, without the ones being answered (%s: their ids)
    private static final String HISTORY = """
            SELECT coalesce(json_agg(json_build_array(h.role, h.text) ORDER BY h.created_at, h.id), '[]')::text
              FROM (SELECT role, coalesce(nullif(content, ''), transcript) AS text, created_at, id FROM messages
                     WHERE contact_id = ? AND id <> ALL(%s) AND role IN ('user', 'assistant', 'agent')
                       AND (content <> '' OR transcript <> '')
                     ORDER BY created_at DESC, id DESC LIMIT ?) h""";
    private static final String AGENT_INPUTS = "SELECT (" + TOOLS + "), (" + HISTORY.formatted("?::bigint[]") + ")";
    // a message the agent answers now: stored, and what the agent is given with it read in the same statement.
    // Its take commits without waiting for the WAL flush: every way the turn goes on ends in a commit that waits for it
    // (the reply marked as being sent, before the send; or the outcome), and the Kafka offset is committed after that,
    // so a take lost to a database crash is taken again from Kafka, before anything left the hub.
    private static final String STORE_FOR_AGENT = STORE_WITHIN_HOURLY_BUDGET + ", (" + TOOLS + "), ("
            + HISTORY.formatted("ARRAY[stored.id]") + "), set_config('synchronous_commit', 'off', true)";
    private static final String SEARCH_TEXT = """
            SELECT content, source_name, (metadata->>'page')::int AS page, rank
              FROM search_knowledge_base_text(?, ?, ?)""";
    // the contact's conversation mode is checked in the same statement, right before the send: a human who
    // took the conversation over while the agent was thinking silences the reply (no row updated)
    private static final ByEvents MARK_SENDING = ByEvents.of("""
            UPDATE webhook_events SET reply_status = 'sending', reply_sending_at = now(), pending_reply = ?::jsonb
             WHERE id = ANY(?::uuid[]) AND NOT EXISTS (SELECT 1 FROM contacts ct WHERE ct.id = ? AND ct.conversation_mode = 'manual')""");
    private static final ByEvents MARK_SENDING_HANDOFF = ByEvents.of("""
            UPDATE webhook_events SET reply_status = 'sending', reply_sending_at = now(), pending_reply = ?::jsonb
             WHERE id = ANY(?::uuid[])""");
    private static final String COMPLETE_EVENTS = """
            UPDATE webhook_events
               SET status = ?, skip_reason = ?::not_answered_reason, reply_status = coalesce(?, reply_status),
                   reply_whatsapp_message_id = coalesce(?, reply_whatsapp_message_id),
                   reply_sent_at = CASE WHEN ?::text IS NOT NULL THEN now() ELSE reply_sent_at END,
                   chatbot_id = coalesce(?, chatbot_id), organization_id = coalesce(?, organization_id), error_message = ?,
                   last_error_at = CASE WHEN ?::text IS NOT NULL THEN now() ELSE last_error_at END,
                   processed_at = now(), locked_until = NULL, pending_reply = NULL
             WHERE id = ANY(?::uuid[])""";
    private static final ByEvents COMPLETE = ByEvents.of(COMPLETE_EVENTS);
    // a failed attempt at one message, counted even when the transaction that claimed it was rolled back
    private static final String FAIL_ATTEMPT = """
            INSERT INTO webhook_events AS we (whatsapp_message_id, phone_number_id, status, attempts, skip_reason, chatbot_id,
                                              organization_id, error_message, last_error_at, processed_at)
            VALUES (?, ?, 'failed', ?, ?::not_answered_reason, ?, ?, ?, now(), now())
            ON CONFLICT (whatsapp_message_id) DO UPDATE
               SET status = 'failed', attempts = greatest(we.attempts, EXCLUDED.attempts), skip_reason = EXCLUDED.skip_reason,
                   chatbot_id = coalesce(EXCLUDED.chatbot_id, we.chatbot_id),
                   organization_id = coalesce(EXCLUDED.organization_id, we.organization_id),
                   error_message = EXCLUDED.error_message, last_error_at = now(), processed_at = now(), locked_until = NULL,
                   pending_reply = NULL""";
    // the delivered reply, one row per part (%s: the rows)
    private static final String SAVE_REPLY = """
            saved AS (INSERT INTO messages (organization_id, chatbot_id, contact_id, role, message_type, content,
                                            whatsapp_phone_number_id, phone_number, outbound_whatsapp_message_id,
                                            delivery_status, sent_at, reply_to_message_id, part_index, tool_calls,
                                            tool_results, passages, finish_reason, max_iterations_reached)
                      VALUES %s)""";
    private static final String REPLY_PART = "(?, ?, ?, 'assistant', ?, ?, ?, ?, ?, 'sent', now(), ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)";
    // a reply that was being sent when its run stopped: the fan-out's rows prove that it was delivered; without them
    // a stored reply waits as 'uncertain' for a status webhook to prove it went out, or to be sent again when due
    private static final String CLOSE_REDELIVERY = """
            UPDATE webhook_events e
               SET status = CASE WHEN w.uncertain THEN 'processing' ELSE 'completed' END,
                   processed_at = CASE WHEN w.uncertain THEN e.processed_at ELSE now() END,
                   locked_until = NULL,
                   reply_status = CASE WHEN w.proven THEN 'sent' WHEN w.uncertain THEN 'uncertain' ELSE e.reply_status END,
                   resend_due_at = CASE WHEN w.uncertain
                                        THEN coalesce(e.resend_due_at, e.reply_sending_at + make_interval(secs => ?)) END,
                   pending_reply = CASE WHEN w.uncertain THEN e.pending_reply END
              FROM (SELECT x.id, x.proven, NOT x.proven AND x.pending AS uncertain
                      FROM (SELECT s.id, s.pending_reply IS NOT NULL AND s.reply_status IN ('sending', 'uncertain') AS pending,
                                   s.reply_status IN ('sending', 'uncertain') AND (
                                       EXISTS (SELECT 1 FROM usage_logs u WHERE u.webhook_event_id = s.id)
                                       OR EXISTS (SELECT 1 FROM messages inbound JOIN messages reply ON reply.reply_to_message_id = inbound.id
                                                   WHERE inbound.whatsapp_message_id = s.whatsapp_message_id)
                                       OR EXISTS (SELECT 1 FROM messages inbound WHERE inbound.whatsapp_message_id = s.whatsapp_message_id
                                                     AND inbound.answered_by_message_id IS NOT NULL)) AS proven
                              FROM webhook_events s WHERE s.id = ?) x) w
             WHERE e.id = w.id""";
    private static final String MARK_NOT_ANSWERED = """
            UPDATE messages SET not_answered_reason = ?::not_answered_reason
             WHERE id = ANY(?::bigint[]) AND not_answered_reason IS NULL""";
    private static final String MARK_ANSWERED_BY = """
            UPDATE messages SET answered_by_message_id = (SELECT r.id FROM messages r WHERE r.outbound_whatsapp_message_id = ?)
             WHERE id = ANY(?::bigint[])""";
    // a message the agent will answer waits for its burst: no lease (the burst sweep owns it), due after the window
    private static final String HOLD_FOR_BURST = """
            UPDATE webhook_events
               SET contact_id = ?, chatbot_id = ?, organization_id = ?, burst_due_at = now() + make_interval(secs => ?),
                   locked_until = NULL
             WHERE id = ? AND status = 'processing' AND locked_by = ?""";
    // conversations whose latest waiting message is a window old and that have no burst being answered,
    // locked for this sweep (other instances skip them)
    private static final String DUE_BURSTS = """
            SELECT ct.id FROM contacts ct
             WHERE ct.id IN (SELECT w.contact_id FROM webhook_events w
                              WHERE w.burst_due_at IS NOT NULL AND w.status = 'processing'
                                AND (w.locked_until IS NULL OR w.locked_until < now())
                              GROUP BY w.contact_id HAVING max(w.burst_due_at) <= now())
               AND NOT EXISTS (SELECT 1 FROM webhook_events a
                                WHERE a.contact_id = ct.id AND a.status = 'processing' AND a.burst_due_at IS NULL
                                  AND a.locked_until > now())
             LIMIT ? FOR UPDATE OF ct SKIP LOCKED""";
    private static final String TAKE_BURSTS = """
            WITH taken AS (
                UPDATE webhook_events
                   SET burst_due_at = NULL, locked_by = ?, locked_until = now() + make_interval(secs => ?),
                       attempts = attempts + 1
                 WHERE contact_id = ANY(?::uuid[]) AND burst_due_at IS NOT NULL AND status = 'processing'
                   AND (locked_until IS NULL OR locked_until < now())
                RETURNING id, whatsapp_message_id, phone_number_id, attempts, contact_id)
            SELECT t.id, t.whatsapp_message_id, t.phone_number_id, t.attempts, t.contact_id, m.id AS message_id,
                   m.content, m.phone_number, m.metadata->>'fromUserId' AS from_user_id, m.message_type,
                   extract(epoch FROM m.whatsapp_timestamp)::bigint AS ts, ct.name, ct.variables::text AS variables, ct.tags
              FROM taken t
              JOIN messages m ON m.whatsapp_message_id = t.whatsapp_message_id AND m.role = 'user'
              JOIN contacts ct ON ct.id = t.contact_id
             ORDER BY t.contact_id, m.id""";
    // a failed burst is due again after 2, 4, 8 ... (at most 30) seconds, so an outage does not use up its attempts at
    // once; one that failed while its reply was being sent is never answered again: that reply waits as uncertain
    private static final String RELEASE_BURST = """
            UPDATE webhook_events
               SET burst_due_at = CASE WHEN reply_status IS NULL THEN now() + make_interval(secs => least(30, 2 ^ attempts)) END,
                   locked_until = NULL, error_message = ?, last_error_at = now(),
                   """ + SENDING_BECOMES_UNCERTAIN + """
             WHERE id = ANY(?::uuid[]) AND status = 'processing'""";
    private static final String STORE_TRANSCRIPT = "UPDATE messages SET transcript = ? WHERE id = ?";
    private static final String MERGE_VARIABLES = "UPDATE contacts SET variables = variables || ?::jsonb WHERE id = ?";
    // an answer's bill: one usage_logs row per answered message
    private static final String BILL = """
            billed AS (INSERT INTO usage_logs (organization_id, chatbot_id, contact_id, message_id, webhook_event_id,
                                               message_count, tokens_input, tokens_output, tokens_total, llm_calls, tool_calls,
                                               model_name, provider, estimated_cost_usd, period_start, period_end)
                       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT DO NOTHING)""";
    private static final String RECORD_TOOL_EXECUTION = """
            INSERT INTO tool_executions (organization_id, chatbot_id, contact_id, message_id, webhook_event_id,
                                         integration_id, tool_name, tool_type, arguments, result, status, error_message,
                                         execution_time_ms, iteration, completed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, now())""";
    private static final String QUOTA_WARNING_DUE = """
            UPDATE usage_summary SET warning_alert_sent_at = now()
             WHERE organization_id = ? AND period_start = ? AND warning_alert_sent_at IS NULL RETURNING 1""";
    private static final String QUOTA_LIMIT_ALERT_DUE = """
            UPDATE usage_summary SET limit_alert_sent_at = now()
             WHERE organization_id = ? AND period_start = ? AND limit_alert_sent_at IS NULL RETURNING 1""";

    /**
     * A claim on a webhook event: whether this instance may process it, and what happened before; with a claimed
     * message, its chatbot's context (null when no chatbot uses the phone number id) and the contact after its upsert
     * (null as well for a message whose reply went out before).
     */
    public record Claim(UUID webhookEventId, boolean claimed, String status, int attempts, String replyStatus,
                        ChatbotContext chatbotContext, ContactRow contact) {
    }

    /**
     * An update of a turn's webhook events: {@code id = ?} for one message, whose plan the session keeps, and
     * {@code id = ANY(?)} for a burst's (PostgreSQL plans that form again on every call, as the array's length varies).
     */
    private record ByEvents(String one, String many) {

        static ByEvents of(String sql) {
            return new ByEvents(sql.replace("id = ANY(?::uuid[])", "id = ?::uuid"), sql);
        }

        String sql(List<UUID> ids) {
            return ids.size() == 1 ? one : many;
        }

        static Object ids(List<UUID> ids) {
            return ids.size() == 1 ? ids.get(0) : array(ids);
        }
    }

    /** A message of a burst, taken with the others of its conversation to be answered in one turn. */
    public record WaitingMessage(UUID webhookEventId, String wamid, String phoneNumberId, int attempts, UUID contactId,
                                 long inboundMessageId, String text, String sender, String fromUserId, String type,
                                 Long timestamp, String contactName, Map<String, Object> variables, List<String> tags) {
    }

    /** The chatbot, its organisation's state and the current period's usage. */
    public record ChatbotContext(Chatbot chatbot, boolean chatbotActive, boolean organizationActive,
                                 long messagesUsed, long tokensUsed, long messageLimit, long tokenLimit,
                                 java.time.LocalDate periodStart, java.time.LocalDate periodEnd) {
    }

    /** What the agent is given besides the message: the chatbot's tools and the conversation so far. */
    public record AgentInputs(List<ToolSpec> tools, List<HistoryEntry> history) {
    }

    /** What an answer is billed: tokens, LLM and tool calls, the model and its estimated cost. */
    public record Usage(int tokensIn, int tokensOut, int llmCalls, int toolCalls, String model, String provider, double cost) {
    }

    /** The contact after the upsert. */
    public record ContactRow(UUID id, String conversationMode, Map<String, Object> variables, List<String> tags) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public ConversationRepository(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public Claim claim(InboundMessage message, String phone, String worker, Duration lease, int maxAttempts) {
        String phoneNumberId = String.valueOf(message.phoneNumberId());
        return jdbc.queryForObject(CLAIM, (rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getBoolean(2),
                rs.getString(3), rs.getInt(4), rs.getString(5), rs.getObject("id") == null ? null : chatbotContext(rs, phoneNumberId),
                rs.getObject("contact_id") == null ? null : new ContactRow(rs.getObject("contact_id", UUID.class),
                        rs.getString("conversation_mode"), json(rs.getString("contact_variables")), tags(rs.getArray("contact_tags")))),
                message.wamid(), phoneNumberId, worker, lease.toSeconds(), maxAttempts, phoneNumberId, phone, message.from(),
                message.profileName(), message.wamid());
    }

    /** Releases messages an earlier run of this instance had claimed when it stopped, so they are taken over now. */
    public int expireLeasesOfEarlierRuns(String instancePrefix, String worker, Duration uncertainSendWait) {
        return jdbc.update(EXPIRE_LEASES_OF_EARLIER_RUNS, uncertainSendWait.toMillis() / 1000.0, instancePrefix + "%", worker);
    }

    public Optional<ChatbotContext> chatbotContext(String phoneNumberId) {
        return jdbc.query(CHATBOT_CONTEXT, (rs, i) -> chatbotContext(rs, phoneNumberId), phoneNumberId).stream().findFirst();
    }

    private static ChatbotContext chatbotContext(java.sql.ResultSet rs, String phoneNumberId) throws SQLException {
        return new ChatbotContext(chatbot(rs, phoneNumberId, rs.getString("whatsapp_access_token")),
                rs.getBoolean("is_active"), rs.getBoolean("organization_active"), rs.getLong("messages_used"),
                rs.getLong("tokens_used"), rs.getLong("message_limit"), rs.getLong("token_limit"),
                rs.getObject("period_start", java.time.LocalDate.class), rs.getObject("period_end", java.time.LocalDate.class));
    }

    /** The organisation's chatbot as the agent sees it (without its access token), for a trial of the agent. */
    public Optional<Chatbot> chatbot(UUID organizationId, UUID chatbotId) {
        return jdbc.query(CHATBOT, (rs, i) -> chatbot(rs, rs.getString("whatsapp_phone_number_id"), null), chatbotId, organizationId)
                .stream().findFirst();
    }

    private static Chatbot chatbot(java.sql.ResultSet rs, String phoneNumberId, String accessToken) throws java.sql.SQLException {
        return new Chatbot(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("name"),
                phoneNumberId, accessToken, rs.getString("model_name"), rs.getString("system_prompt"), rs.getString("persona"),
                rs.getDouble("temperature"), rs.getBoolean("rag_enabled"), rs.getString("fallback_message_error"),
                rs.getString("fallback_message_limit"), rs.getString("unsupported_message"), rs.getString("plan_tier"),
                rs.getString("please_write_message"), rs.getString("language"));
    }

    public long storeInbound(Chatbot chatbot, UUID contactId, InboundMessage message, String messageType,
                             String content, String notAnsweredReason, Map<String, Object> metadata) {
        return jdbc.queryForObject(STORE_INBOUND, Long.class,
                chatbot == null ? null : chatbot.organizationId(), chatbot == null ? null : chatbot.id(), contactId,
                messageType, content == null ? "" : content, message.phoneNumberId(), message.sender(), message.wamid(),
                timestamp(message), notAnsweredReason, toJson(metadata));
    }

    private static Timestamp timestamp(InboundMessage message) {
        return message.timestamp() == null ? null : Timestamp.from(Instant.ofEpochSecond(message.timestamp()));
    }

    /**
     * A message stored within the chatbot's hourly budget: its row, whether the budget allowed an answer and, for a
     * message the agent answers now, what the agent is given besides it (null otherwise).
     */
    public record StoredWithinBudget(long inboundMessageId, boolean withinBudget, AgentInputs conversation) {
    }

    /** Stores a message the agent answers later (with its burst) if the chatbot's hourly budget allows. */
    public StoredWithinBudget storeWithinHourlyBudget(Chatbot chatbot, int messagesPerHour, UUID contactId,
                                                      InboundMessage message, String messageType, Map<String, Object> metadata) {
        return jdbc.queryForObject(STORE_WITHIN_HOURLY_BUDGET, (rs, i) -> new StoredWithinBudget(rs.getLong(1), rs.getBoolean(2), null),
                storeParameters(chatbot, messagesPerHour, contactId, message, messageType, metadata).toArray());
    }

    /**
     * Stores a message for the agent to answer now if the chatbot's hourly budget allows, and reads what the agent is
     * given besides it.
     */
    public StoredWithinBudget storeForAgent(Chatbot chatbot, int messagesPerHour, UUID contactId, InboundMessage message,
                                            String messageType, Map<String, Object> metadata, int historySize) {
        List<Object> parameters = storeParameters(chatbot, messagesPerHour, contactId, message, messageType, metadata);
        parameters.addAll(List.of(chatbot.id(), contactId, historySize));
        return jdbc.queryForObject(STORE_FOR_AGENT, (rs, i) -> new StoredWithinBudget(rs.getLong(1), rs.getBoolean(2),
                new AgentInputs(toolSpecs(rs.getString(3)), history(rs.getString(4)))), parameters.toArray());
    }

    private List<Object> storeParameters(Chatbot chatbot, int messagesPerHour, UUID contactId, InboundMessage message,
                                                String messageType, Map<String, Object> metadata) {
        return new ArrayList<>(Arrays.asList(chatbot.phoneNumberId(), messagesPerHour, chatbot.organizationId(), chatbot.id(),
                contactId, messageType, message.text() == null ? "" : message.text(), message.phoneNumberId(), message.sender(),
                message.wamid(), timestamp(message), toJson(metadata)));
    }

    /** The chatbot's enabled tools: the integration's config with the chatbot's override merged in. */
    public List<ToolSpec> tools(UUID chatbotId) {
        return toolSpecs(jdbc.queryForObject(TOOLS, String.class, chatbotId));
    }

    /** The chatbot's tools and the conversation's last messages, oldest first, without the ones being answered. */
    public AgentInputs agentInputs(UUID chatbotId, UUID contactId, List<Long> answering, int historySize) {
        return jdbc.queryForObject(AGENT_INPUTS, (rs, i) -> new AgentInputs(toolSpecs(rs.getString(1)),
                history(rs.getString(2))), chatbotId, contactId, array(answering), historySize);
    }

    private List<ToolSpec> toolSpecs(String json) {
        List<ToolSpec> tools = new ArrayList<>();
        for (JsonNode tool : tree(json)) {
            Map<String, Object> config = new LinkedHashMap<>(map(tool.get("config")));
            config.putAll(map(tool.get("override")));
            String description = config.get("description") instanceof String d ? d : tool.path("description").textValue();
            JsonNode parameters = mapper.valueToTree(config.getOrDefault("parameters",
                    Map.of("type", "object", "properties", Map.of())));
            tools.add(new ToolSpec(tool.get("name").textValue(), description, parameters, tool.get("provider").textValue(),
                    UUID.fromString(tool.get("id").textValue()), config));
        }
        return tools;
    }

    private List<HistoryEntry> history(String json) {
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode entry : tree(json)) {
            history.add(new HistoryEntry(entry.get(0).textValue(), entry.get(1).textValue()));
        }
        return history;
    }

    public List<KnowledgePassage> searchText(UUID chatbotId, String query, int limit) {
        return jdbc.query(SEARCH_TEXT, (rs, i) -> new KnowledgePassage(rs.getString(1), rs.getString(2),
                (Integer) rs.getObject(3), rs.getDouble(4)), chatbotId, query, limit);
    }

    /** Marks the reply as being sent; false (nothing marked) when the contact is in manual mode now. */
    public boolean markSending(PendingReply reply) {
        return jdbc.update(MARK_SENDING.sql(reply.eventIds()), toJson(reply), ByEvents.ids(reply.eventIds()), reply.contactId()) > 0;
    }

    /** The handoff text goes out although the handoff itself put the conversation in manual mode. */
    public boolean markSendingHandoff(PendingReply reply) {
        return jdbc.update(MARK_SENDING_HANDOFF.sql(reply.eventIds()), toJson(reply), ByEvents.ids(reply.eventIds())) > 0;
    }

    /**
     * Closes a turn's webhook events with their outcome and, in the same statement, a delivered agent answer's reply
     * ({@link Turn#replyHistory()}) and bill ({@link Turn#usage()}). The messages of a burst then point to the reply: run
     * it in a transaction when the turn answered a burst.
     */
    public void complete(Turn turn, String status, String skipReason, String replyStatus, String replyWamid) {
        List<String> writes = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        List<String> wamids = turn.outboundWamids();
        if (turn.replyHistory() != null && !wamids.isEmpty()) {
            writes.add(SAVE_REPLY.formatted(String.join(", ", Collections.nCopies(wamids.size(), REPLY_PART))));
            parameters.addAll(replyParts(turn));
        }
        Usage usage = turn.usage();
        Chatbot bot = turn.chatbot();
        if (usage != null) {
            var period = turn.chatbotContext();
            writes.add(BILL);
            parameters.addAll(Arrays.asList(bot.organizationId(), bot.id(), turn.customer().contactId(), turn.inboundMessageId(),
                    turn.webhookEventId(), usage.tokensIn(), usage.tokensOut(), usage.tokensIn() + usage.tokensOut(),
                    usage.llmCalls(), usage.toolCalls(), usage.model(), usage.provider(), usage.cost(),
                    period.map(ChatbotContext::periodStart).orElse(null), period.map(ChatbotContext::periodEnd).orElse(null)));
        }
        parameters.addAll(Arrays.asList(completion(turn.webhookEventIds(), status, skipReason, replyStatus, replyWamid, bot, null)));
        jdbc.update((writes.isEmpty() ? "" : "WITH " + String.join(",\n", writes) + "\n") + COMPLETE.sql(turn.webhookEventIds()),
                parameters.toArray());
        if (turn.replyHistory() != null && turn.burst().size() > 1 && !wamids.isEmpty()) {
            markAnsweredBy(wamids.get(0), turn.inboundMessageIds()); // a lone message's reply points back to it (reply_to_message_id)
        }
    }

    /** The delivered reply, one row per part; the first carries the tool calls and the passages the agent was given. */
    private static List<Object> replyParts(Turn turn) {
        Chatbot bot = turn.chatbot();
        ReplyHistory history = turn.replyHistory();
        List<String> wamids = turn.outboundWamids();
        List<String> parts = turn.interactive() != null ? List.of(turn.replyText()) : TextSplitter.split(turn.replyText());
        LlmResult llm = turn.llm();
        String finishReason = llm == null ? null : llm.lastFinishReason();
        boolean maxIterations = llm != null && llm.maxIterationsReached();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < wamids.size(); i++) {
            rows.addAll(Arrays.asList(bot.organizationId(), bot.id(), turn.customer().contactId(),
                    turn.interactive() != null ? "interactive" : "text", i < parts.size() ? parts.get(i) : "",
                    bot.phoneNumberId(), turn.customer().phone(), wamids.get(i), turn.inboundMessageId(), i,
                    i == 0 ? history.toolCalls() : null, i == 0 ? history.toolResults() : null,
                    i == 0 ? history.passages() : null, finishReason, maxIterations));
        }
        return rows;
    }

    public void complete(List<UUID> webhookEventIds, String status, String skipReason, String replyStatus, String replyWamid,
                         Chatbot chatbot, String error) {
        jdbc.update(COMPLETE.sql(webhookEventIds),
                completion(webhookEventIds, status, skipReason, replyStatus, replyWamid, chatbot, error));
    }

    private static Object[] completion(List<UUID> webhookEventIds, String status, String skipReason, String replyStatus,
                                       String replyWamid, Chatbot chatbot, String error) {
        String storable = StorableText.of(error); // an error's text may quote what a provider answered
        return new Object[] {status, skipReason, replyStatus, replyWamid, replyWamid, chatbot == null ? null : chatbot.id(),
                chatbot == null ? null : chatbot.organizationId(), storable, storable, ByEvents.ids(webhookEventIds)};
    }

    /** Records a failed attempt at a message (parked: with {@code skipReason}), whether or not its claim was committed. */
    public void failAttempt(Turn turn, String skipReason, String error) {
        Chatbot bot = turn.chatbot();
        jdbc.update(FAIL_ATTEMPT, turn.inbound().wamid(), String.valueOf(turn.inbound().phoneNumberId()), turn.attempts(),
                skipReason, bot == null ? null : bot.id(), bot == null ? null : bot.organizationId(), StorableText.of(error));
    }

    /**
     * Leaves a message the agent will answer waiting for its burst (due a window from now) and gives up this
     * worker's lease on it; false when the worker no longer holds it.
     */
    public boolean holdForBurst(UUID webhookEventId, UUID contactId, Chatbot chatbot, Duration window, String worker) {
        return jdbc.update(HOLD_FOR_BURST, contactId, chatbot.id(), chatbot.organizationId(), window.toMillis() / 1000.0,
                webhookEventId, worker) > 0;
    }

    /**
     * Takes the bursts that are due, at most {@code limit} conversations, under one lease per message:
     * their messages in the order they arrived, grouped by conversation. Run it in a transaction: the
     * conversations stay locked until the messages are taken.
     */
    public List<WaitingMessage> takeDueBursts(String worker, Duration lease, int limit) {
        List<UUID> due = jdbc.queryForList(DUE_BURSTS, UUID.class, limit);
        if (due.isEmpty()) {
            return List.of();
        }
        return jdbc.query(TAKE_BURSTS, (rs, i) -> new WaitingMessage(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getObject(5, UUID.class), rs.getLong(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), (Long) rs.getObject(11), rs.getString(12), json(rs.getString(13)),
                tags(rs.getArray(14))), worker, lease.toSeconds(), array(due));
    }

    /** A burst whose turn failed waits again, for a later sweep to retry it (or, cut mid-send, as an uncertain reply). */
    public void releaseBurst(List<UUID> webhookEventIds, String error, Duration uncertainSendWait) {
        jdbc.update(RELEASE_BURST, error, uncertainSendWait.toMillis() / 1000.0, array(webhookEventIds));
    }

    /**
     * Closes a redelivered message whose reply went out, or may have: never answered again. A reply without proof that
     * was stored when its send began is left 'uncertain' for {@code UncertainReplies}, due {@code uncertainSendWait}
     * after that send began.
     */
    public void closeRedelivery(UUID webhookEventId, Duration uncertainSendWait) {
        jdbc.update(CLOSE_REDELIVERY, uncertainSendWait.toMillis() / 1000.0, webhookEventId);
    }

    /** Records why an inbound message that was going to be answered was not (delivery or processing failed). */
    public void markNotAnswered(Long inboundMessageId, Turn.NotAnswered reason) {
        if (inboundMessageId != null) {
            markNotAnswered(List.of(inboundMessageId), reason);
        }
    }

    public void markNotAnswered(List<Long> inboundMessageIds, Turn.NotAnswered reason) {
        if (!inboundMessageIds.isEmpty()) {
            jdbc.update(MARK_NOT_ANSWERED, reason.name(), array(inboundMessageIds));
        }
    }

    /** What is stored with a delivered agent answer besides its text: the tool calls and the passages it was given (JSON). */
    public record ReplyHistory(String toolCalls, String toolResults, String passages) {
    }

    /** The messages of a burst point to the reply (its first part's wamid) that answered them together. */
    public void markAnsweredBy(String replyWamid, List<Long> inboundMessageIds) {
        jdbc.update(MARK_ANSWERED_BY, replyWamid, array(inboundMessageIds));
    }

    /** Stores what the customer said in a voice note with the message. */
    public void storeTranscript(long inboundMessageId, String transcript) {
        jdbc.update(STORE_TRANSCRIPT, transcript, inboundMessageId);
    }

    public void mergeVariables(UUID contactId, Map<String, Object> variables) {
        jdbc.update(MERGE_VARIABLES, toJson(variables), contactId);
    }

    public void recordToolExecutions(Turn turn, List<ToolExecution> executions) {
        Chatbot bot = turn.chatbot();
        List<Object[]> rows = executions.stream().map(e -> new Object[] {bot.organizationId(), bot.id(),
                turn.customer().contactId(), turn.inboundMessageId(), turn.webhookEventId(), e.integrationId(),
                e.toolName(), e.toolType(), toJson(e.arguments()), jsonOrString(e.result()), e.status(), e.errorMessage(),
                (int) Math.min(Integer.MAX_VALUE, e.durationMs()), Math.max(1, e.iteration())}).toList();
        jdbc.batchUpdate(RECORD_TOOL_EXECUTION, rows);
    }

    /** True once per billing period for each kind (the 80 % warning, the limit reached). */
    public boolean quotaAlertDue(UUID organizationId, java.time.LocalDate periodStart, boolean limitReached) {
        return !jdbc.queryForList(limitReached ? QUOTA_LIMIT_ALERT_DUE : QUOTA_WARNING_DUE, organizationId, periodStart)
                .isEmpty();
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("The database returned JSON that cannot be read", e);
        }
    }

    private Map<String, Object> map(JsonNode node) {
        return node == null || !node.isObject() ? Map.of() : mapper.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private Map<String, Object> json(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }

    private String jsonOrString(String value) {
        if (value == null) {
            return null;
        }
        try {
            mapper.readTree(value);
            return value;
        } catch (Exception notJson) {
            return toJson(value);
        }
    }

    private String toJson(Object value) {
        return Json.write(mapper, value == null ? Map.of() : value);
    }

    private static String[] array(List<?> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

}
