package hub.tenant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Chatbot and sandbox reads for the tenant API; every statement is scoped by organisation (chatbot views: ChatbotRepository). */
@Repository
public class TenantRepository {

    private static final String CHATBOT_COLUMNS = """
            SELECT id, name, whatsapp_phone_number_id, model_name, system_prompt, persona, temperature,
                   rag_enabled, is_active, created_at, updated_at
              FROM chatbots""";
    private static final String CHATBOT = CHATBOT_COLUMNS + " WHERE organization_id = ? AND id = ?";

    private static final String SANDBOX_MESSAGES = """
            SELECT s.id, s.chatbot_id, s.whatsapp_phone_number_id, s.recipient, s.whatsapp_message_id,
                   s.payload #>> '{text,body}' AS text, s.created_at
              FROM sandbox_outbox s JOIN chatbots c ON c.id = s.chatbot_id
             WHERE c.organization_id = ? ORDER BY s.id DESC LIMIT ?""";

    private final JdbcTemplate jdbc;

    public TenantRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Replies the hub recorded instead of sending them (sandbox mode), newest first. */
    public List<Map<String, Object>> sandboxMessages(UUID organizationId, int limit) {
        return jdbc.queryForList(SANDBOX_MESSAGES, organizationId, limit);
    }

    public Optional<Map<String, Object>> chatbot(UUID organizationId, UUID chatbotId) {
        return jdbc.queryForList(CHATBOT, organizationId, chatbotId).stream().findFirst();
    }
}
