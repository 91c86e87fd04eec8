package hub;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import hub.security.ApiKeyRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Creates isolated tenants (organisation, chatbot, API key) for tests. */
@Component
public class Tenants {

    private static final AtomicLong PHONE_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    /** A tenant created for a test; {@code apiKey} is the plaintext key. */
    public record Tenant(UUID organizationId, UUID chatbotId, String phoneNumberId, String apiKey) {
    }

    private final JdbcTemplate jdbc;
    private final ApiKeyRepository apiKeys;

    public Tenants(JdbcTemplate jdbc, ApiKeyRepository apiKeys) {
        this.jdbc = jdbc;
        this.apiKeys = apiKeys;
    }

    public Tenant create(String name) {
        UUID org = jdbc.queryForObject("INSERT INTO organizations (name, plan_tier) VALUES (?, 'pro') RETURNING id",
                UUID.class, name);
        String phoneNumberId = String.valueOf(PHONE_IDS.incrementAndGet());
        UUID chatbot = jdbc.queryForObject("""
                INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id) VALUES (?, ?, ?) RETURNING id""",
                UUID.class, org, name + " bot", phoneNumberId);
        return new Tenant(org, chatbot, phoneNumberId, apiKeys.create(org, "test"));
    }

    /** A text knowledge source of the tenant's chatbot with one chunk (full-text searchable, no embedding). */
    public void addKnowledge(Tenant tenant, String sourceName, String content) {
        UUID source = jdbc.queryForObject("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name) VALUES (?, ?, 'text', ?)
                RETURNING id""", UUID.class, tenant.organizationId(), tenant.chatbotId(), sourceName);
        jdbc.update("INSERT INTO document_chunks (knowledge_source_id, chatbot_id, chunk_index, content) VALUES (?, ?, 0, ?)",
                source, tenant.chatbotId(), content);
    }

    public void revokeKeys(UUID organizationId) {
        jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE organization_id = ?", organizationId);
    }
}
