package hub.tenant;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Contacts and their conversations for the tenant API and human takeover; every statement is scoped
 * by organisation (a contact of another organisation is simply not found).
 */
@Repository
public class ContactRepository {

    private static final String COLUMNS = """
            SELECT ct.id, ct.chatbot_id, ct.phone_number, ct.name, ct.conversation_mode, ct.mode_changed_at,
                   ct.variables::text AS variables, ct.tags, ct.last_message_at, ct.last_inbound_at, ct.last_outbound_at,
                   ct.created_at, ct.updated_at, ct.needs_person, ct.last_inbound_at + interval '24 hours' AS window_expires_at
              FROM contacts ct""";
    // q matches the phone number or the name; tag filters by one tag; mode by conversation mode
    private static final String SEARCH = COLUMNS + "\n" + """
             WHERE ct.organization_id = ?
               AND (?::uuid IS NULL OR ct.chatbot_id = ?::uuid)
               AND (?::text IS NULL OR ct.phone_number LIKE '%' || ? || '%' OR ct.name ILIKE '%' || ? || '%')
               AND (?::text IS NULL OR ct.conversation_mode = ?::text)
               AND (?::text IS NULL OR ct.tags @> ARRAY[?::text])
             ORDER BY ct.last_message_at DESC NULLS LAST, ct.id
             LIMIT ? OFFSET ?""";
    private static final String FIND = COLUMNS + " WHERE ct.organization_id = ? AND ct.id = ?";
    private static final String UPDATE = """
            UPDATE contacts
               SET name = coalesce(?, name),
                   variables = CASE WHEN ?::jsonb IS NULL THEN variables
                                    ELSE jsonb_strip_nulls(variables || ?::jsonb) END,
                   tags = coalesce(?::text[], tags),
                   conversation_mode = coalesce(?, conversation_mode)
             WHERE organization_id = ? AND id = ?""";
    private static final String MESSAGES = """
            SELECT m.id, m.role, m.direction, m.message_type, m.content, m.whatsapp_message_id,
                   m.outbound_whatsapp_message_id, m.delivery_status, m.sent_at, m.delivered_at, m.read_at, m.failed_at,
                   m.delivery_error_code, m.delivery_error, m.not_answered_reason, m.tool_calls::text AS tool_calls,
                   m.tool_results::text AS tool_results, m.part_index, m.reply_to_message_id, m.answered_by_message_id, m.created_at,
                   m.passages::text AS passages, m.transcript, m.sent_by_user_id, coalesce(u.full_name, u.email) AS sent_by_name
              FROM messages m LEFT JOIN users u ON u.id = m.sent_by_user_id
             WHERE m.organization_id = ? AND m.contact_id = ? AND (?::bigint IS NULL OR m.id < ?::bigint)
             ORDER BY m.id DESC
             LIMIT ?""";
    private static final String TOOL_EXECUTIONS = """
            SELECT te.message_id, te.tool_name, te.tool_type, te.arguments::text AS arguments, te.status,
                   te.error_message, te.execution_time_ms, te.iteration, te.created_at
              FROM tool_executions te
             WHERE te.organization_id = ? AND te.contact_id = ? AND te.message_id = ANY(?)
             ORDER BY te.id""";
    private static final String SEND_TARGET = """
            SELECT ct.id, ct.chatbot_id, ct.phone_number, ct.last_inbound_at,
                   ct.last_inbound_at IS NOT NULL AND ct.last_inbound_at > now() - interval '24 hours' AS in_window,
                   c.whatsapp_phone_number_id, c.whatsapp_access_token
              FROM contacts ct JOIN chatbots c ON c.id = ct.chatbot_id AND c.organization_id = ct.organization_id
             WHERE ct.organization_id = ? AND ct.id = ?""";
    private static final String SAVE_AGENT_MESSAGE = """
            INSERT INTO messages (organization_id, chatbot_id, contact_id, role, message_type, content, whatsapp_phone_number_id,
                                  phone_number, outbound_whatsapp_message_id, delivery_status, sent_at, part_index, metadata,
                                  sent_by_user_id)
            VALUES (?, ?, ?, 'agent', ?, ?, ?, ?, ?, 'sent', now(), ?, ?::jsonb,
                    (SELECT id FROM users WHERE id = ?::uuid AND organization_id = ?))
            RETURNING id""";
    // the organisation's conversations most recent first, a page after the (last_message_at, id) cursor
    // (contacts_inbox_idx); the newest message of each through messages_contact_history_idx. Public: a test explains it
    public static final String INBOX = """
            SELECT ct.id, ct.name, ct.phone_number, ct.chatbot_id, c.name AS chatbot_name, ct.conversation_mode,
                   ct.needs_person, ct.unread_count, ct.last_message_at, ct.last_inbound_at,
                   ct.last_inbound_at + interval '24 hours' AS window_expires_at,
                   lm.direction, lm.content, lm.created_at AS last_at, lm.sent_by_user_id,
                   coalesce(u.full_name, u.email) AS sent_by_name
              FROM contacts ct
              JOIN chatbots c ON c.id = ct.chatbot_id
              LEFT JOIN LATERAL (SELECT m.direction, m.content, m.created_at, m.sent_by_user_id
                                   FROM messages m
                                  WHERE m.contact_id = ct.id AND m.role IN ('user', 'assistant', 'agent')
                                  ORDER BY m.created_at DESC, m.id DESC
                                  LIMIT 1) lm ON true
              LEFT JOIN users u ON u.id = lm.sent_by_user_id
             WHERE ct.organization_id = ? AND ct.last_message_at IS NOT NULL
               AND (ct.last_message_at, ct.id) < (?::timestamptz, ?::uuid)
               AND (?::text IS NULL OR ct.phone_number LIKE '%' || ? || '%' OR ct.name ILIKE '%' || ? || '%')
               AND (NOT ?::boolean OR ct.conversation_mode = 'manual')
               AND (NOT ?::boolean OR ct.needs_person)
               AND (NOT ?::boolean OR ct.unread_count > 0)
             ORDER BY ct.last_message_at DESC, ct.id DESC
             LIMIT ?""";
    private static final String MARK_READ = """
            UPDATE contacts SET unread_count = 0 WHERE organization_id = ? AND id = ? AND unread_count > 0""";
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM contacts WHERE organization_id = ? AND id = ?)";
    private static final String TOUCH_OUTBOUND = """
            UPDATE contacts SET last_outbound_at = now(), last_message_at = now() WHERE organization_id = ? AND id = ?""";
    private static final String MARK_NOT_ANSWERED = """
            UPDATE messages SET not_answered_reason = ?::not_answered_reason WHERE id = ?""";

    /** Which conversations of the inbox: all, taken over by a person, waiting for a person, or with unread messages. */
    public enum InboxFilter { all, manual, needs_person, unread }

    /** A page of the inbox starts after this conversation (its last_message_at and id); {@link #FIRST} for the first page. */
    public record InboxCursor(java.time.OffsetDateTime lastMessageAt, UUID contactId) {
        public static final InboxCursor FIRST = new InboxCursor(java.time.OffsetDateTime.MAX,
                new UUID(-1L, -1L));
    }

    /** Where an agent's message goes, and whether the customer's 24-hour service window is open. */
    public record SendTarget(UUID contactId, UUID chatbotId, String phone, java.time.OffsetDateTime lastInboundAt,
                             boolean inWindow, String phoneNumberId, String storedAccessToken) {
    }

    /** Contact changes; null = unchanged. {@code variablesJson} is a JSON object merged in; a variable set to null is removed. */
    public record ContactChanges(String name, String variablesJson, List<String> tags, String mode) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public ContactRepository(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public List<Map<String, Object>> search(UUID organizationId, UUID chatbotId, String query, String mode, String tag,
                                            int limit, int offset) {
        String pattern = likePattern(query);
        return jdbc.query(SEARCH, contactRow(), organizationId, chatbotId, chatbotId, pattern, pattern, pattern, mode, mode,
                tag, tag, limit, offset);
    }

    /** A page of the inbox: conversation rows shaped as the API's {@code Conversation}, plus {@code last_message_at}. */
    public List<Map<String, Object>> inbox(UUID organizationId, InboxFilter filter, String query, InboxCursor after, int limit) {
        String pattern = likePattern(query);
        return jdbc.query(INBOX, (rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("contact_id", rs.getObject("id"));
            row.put("name", rs.getString("name"));
            row.put("phone", rs.getString("phone_number"));
            row.put("chatbot_id", rs.getObject("chatbot_id"));
            row.put("chatbot_name", rs.getString("chatbot_name"));
            row.put("conversation_mode", rs.getString("conversation_mode"));
            row.put("needs_person", rs.getBoolean("needs_person"));
            row.put("unread_count", rs.getInt("unread_count"));
            if (rs.getString("direction") != null) {
                Map<String, Object> last = new LinkedHashMap<>();
                last.put("direction", rs.getString("direction"));
                last.put("text", rs.getString("content"));
                last.put("at", rs.getObject("last_at", java.time.OffsetDateTime.class));
                last.put("sent_by", sentBy(rs));
                row.put("last_message", last);
            }
            row.put("last_customer_message_at", rs.getObject("last_inbound_at", java.time.OffsetDateTime.class));
            row.put("window_expires_at", rs.getObject("window_expires_at", java.time.OffsetDateTime.class));
            row.put("last_message_at", rs.getObject("last_message_at", java.time.OffsetDateTime.class));
            return row;
        }, organizationId, after.lastMessageAt(), after.contactId(), pattern, pattern, pattern,
                filter == InboxFilter.manual, filter == InboxFilter.needs_person, filter == InboxFilter.unread, limit);
    }

    /** The organisation has read the conversation: its unread count goes back to 0. False: no such contact. */
    public boolean markRead(UUID organizationId, UUID contactId) {
        return jdbc.update(MARK_READ, organizationId, contactId) > 0
                || Boolean.TRUE.equals(jdbc.queryForObject(EXISTS, Boolean.class, organizationId, contactId));
    }

    public Optional<Map<String, Object>> find(UUID organizationId, UUID contactId) {
        return jdbc.query(FIND, contactRow(), organizationId, contactId).stream().findFirst();
    }

    public boolean update(UUID organizationId, UUID contactId, ContactChanges changes) {
        String variables = changes.variablesJson();
        return jdbc.update(con -> {
            var statement = con.prepareStatement(UPDATE);
            statement.setString(1, changes.name());
            statement.setString(2, variables);
            statement.setString(3, variables);
            statement.setArray(4, changes.tags() == null ? null : con.createArrayOf("text", changes.tags().toArray()));
            statement.setString(5, changes.mode());
            statement.setObject(6, organizationId);
            statement.setObject(7, contactId);
            return statement;
        }) > 0;
    }

    /** A page of the contact's messages, newest first, each outbound one with its delivery status and tool calls. */
    public List<Map<String, Object>> messages(UUID organizationId, UUID contactId, Long beforeId, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.query(MESSAGES, rs -> {
            Map<String, Object> row = columns(rs, Set.of("tool_calls", "tool_results", "passages"));
            row.remove("sent_by_user_id");
            row.remove("sent_by_name");
            row.put("sent_by", sentBy(rs));
            row.put("status", "outbound".equals(row.get("direction")) ? row.get("delivery_status") : null);
            rows.add(row);
        }, organizationId, contactId, beforeId, beforeId, limit);
        if (!rows.isEmpty()) {
            Long[] ids = rows.stream().map(r -> ((Number) r.get("id")).longValue()).toArray(Long[]::new);
            Map<Long, List<Map<String, Object>>> executions = new LinkedHashMap<>();
            jdbc.query(con -> {
                var statement = con.prepareStatement(TOOL_EXECUTIONS);
                statement.setObject(1, organizationId);
                statement.setObject(2, contactId);
                statement.setArray(3, con.createArrayOf("bigint", ids));
                return statement;
            }, rs -> {
                Map<String, Object> execution = new LinkedHashMap<>();
                execution.put("tool_name", rs.getString("tool_name"));
                execution.put("tool_type", rs.getString("tool_type"));
                execution.put("arguments", parse(rs.getString("arguments")));
                execution.put("status", rs.getString("status"));
                execution.put("error_message", rs.getString("error_message"));
                execution.put("execution_time_ms", rs.getObject("execution_time_ms"));
                execution.put("iteration", rs.getInt("iteration"));
                executions.computeIfAbsent(rs.getLong("message_id"), k -> new ArrayList<>()).add(execution);
            });
            // executions are recorded against the inbound message they answered
            rows.forEach(r -> r.put("tool_executions", executions.getOrDefault(((Number) r.get("id")).longValue(), List.of())));
        }
        return rows;
    }

    public Optional<SendTarget> sendTarget(UUID organizationId, UUID contactId) {
        return jdbc.query(SEND_TARGET, (rs, i) -> new SendTarget(rs.getObject("id", UUID.class),
                rs.getObject("chatbot_id", UUID.class), rs.getString("phone_number"),
                rs.getObject("last_inbound_at", java.time.OffsetDateTime.class), rs.getBoolean("in_window"),
                rs.getString("whatsapp_phone_number_id"), rs.getString("whatsapp_access_token")),
                organizationId, contactId).stream().findFirst();
    }

    /** Stores an agent's sent message, one row per part, and returns the row ids. */
    public List<Long> saveAgentMessage(UUID organizationId, SendTarget target, List<String> parts, List<String> wamids,
                                       Map<String, Object> metadata, UUID sentByUserId) {
        return saveAgentMessage(organizationId, target, "text", parts, wamids, metadata, sentByUserId);
    }

    /** Stores an agent's sent message of this type ({@code text}, {@code template}), one row per part. */
    public List<Long> saveAgentMessage(UUID organizationId, SendTarget target, String messageType, List<String> parts,
                                       List<String> wamids, Map<String, Object> metadata, UUID sentByUserId) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < wamids.size(); i++) {
            ids.add(jdbc.queryForObject(SAVE_AGENT_MESSAGE, Long.class, organizationId, target.chatbotId(),
                    target.contactId(), messageType, i < parts.size() ? parts.get(i) : "", target.phoneNumberId(), target.phone(),
                    wamids.get(i), i, Json.write(mapper, metadata), sentByUserId, organizationId));
        }
        jdbc.update(TOUCH_OUTBOUND, organizationId, target.contactId());
        return ids;
    }

    /** An inbound message the agent ended up not answering (e.g. a human took over while it was thinking). */
    public void markNotAnswered(Long messageId, String reason) {
        if (messageId != null) {
            jdbc.update(MARK_NOT_ANSWERED, reason, messageId);
        }
    }

    private RowMapper<Map<String, Object>> contactRow() {
        return (rs, i) -> {
            Map<String, Object> row = columns(rs, Set.of("variables"));
            row.put("tags", tags(rs.getArray("tags")));
            return row;
        };
    }

    /** The row's columns by name, the {@code json} ones parsed. */
    private Map<String, Object> columns(ResultSet rs, Set<String> json) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i);
            Object value = rs.getObject(i);
            row.put(column, json.contains(column) ? parse((String) value) : value);
        }
        return row;
    }

    private static Map<String, Object> sentBy(ResultSet rs) throws SQLException {
        UUID user = rs.getObject("sent_by_user_id", UUID.class);
        if (user == null) {
            return null;
        }
        Map<String, Object> sentBy = new LinkedHashMap<>();
        sentBy.put("user_id", user);
        sentBy.put("name", rs.getString("sent_by_name"));
        return sentBy;
    }

    private static String likePattern(String query) {
        return query == null ? null : query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Object parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, new TypeReference<Object>() { });
        } catch (Exception e) {
            return json;
        }
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
