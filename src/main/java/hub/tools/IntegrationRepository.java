package hub.tools;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.Json;
import hub.api.tool.Integration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statements of org_integrations and chatbot_integrations for the tool admin API and the tool calls,
 * every one scoped to an organisation. Credentials are read and written only through
 * {@link IntegrationCredentials}; they never leave this class in an {@link Integration}.
 */
@Repository
public class IntegrationRepository {

    private static final String COLUMNS = """
            id, provider, name, description, config::text AS config, is_active, last_discovered_at,
            credentials_encrypted IS NOT NULL AS has_credentials, created_at, updated_at""";
    private static final String LIST = "SELECT " + COLUMNS + " FROM org_integrations WHERE organization_id = ? ORDER BY name";
    private static final String FIND = "SELECT " + COLUMNS + " FROM org_integrations WHERE id = ? AND organization_id = ?";
    private static final String CREDENTIALS = "SELECT credentials_encrypted FROM org_integrations WHERE id = ? AND organization_id = ?";
    private static final String INSERT = """
            INSERT INTO org_integrations (organization_id, provider, name, description, config, credentials_encrypted, is_active)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id""";
    private static final String UPDATE = """
            UPDATE org_integrations
               SET description = nullif(coalesce(?, description), ''), config = coalesce(config || ?::jsonb, config),
                   is_active = coalesce(?, is_active)
             WHERE id = ? AND organization_id = ?""";
    private static final String UPDATE_CREDENTIALS = """
            UPDATE org_integrations SET credentials_encrypted = ? WHERE id = ? AND organization_id = ?""";
    private static final String STORE_IMPORTED_TOOLS = """
            UPDATE org_integrations SET config = jsonb_set(config, '{tools}', ?::jsonb), last_discovered_at = now()
             WHERE id = ? AND organization_id = ?""";
    private static final String DELETE = "DELETE FROM org_integrations WHERE id = ? AND organization_id = ?";
    private static final String CHATBOT_EXISTS = "SELECT count(*) FROM chatbots WHERE id = ? AND organization_id = ?";
    private static final String CHATBOT_INTEGRATIONS = """
            SELECT oi.id, oi.provider, oi.name, oi.description, oi.config::text AS config, oi.is_active,
                   ci.is_enabled, ci.settings_override::text AS settings_override
              FROM org_integrations oi
              LEFT JOIN chatbot_integrations ci ON ci.integration_id = oi.id AND ci.chatbot_id = ?
             WHERE oi.organization_id = ?
             ORDER BY oi.name""";
    private static final String SWITCH = """
            INSERT INTO chatbot_integrations (organization_id, chatbot_id, integration_id, is_enabled, settings_override)
            SELECT c.organization_id, c.id, oi.id, ?, coalesce(?::jsonb, '{}'::jsonb)
              FROM chatbots c JOIN org_integrations oi ON oi.organization_id = c.organization_id
             WHERE c.id = ? AND oi.id = ? AND c.organization_id = ?
            ON CONFLICT (chatbot_id, integration_id) DO UPDATE
               SET is_enabled = EXCLUDED.is_enabled,
                   settings_override = CASE WHEN ?::jsonb IS NULL THEN chatbot_integrations.settings_override
                                            ELSE EXCLUDED.settings_override END""";
    private static final String UPDATE_FOR_CHATBOT = """
            UPDATE chatbot_integrations SET is_enabled = coalesce(?, is_enabled),
                   settings_override = coalesce(?::jsonb, settings_override)
             WHERE chatbot_id = ? AND integration_id = ? AND organization_id = ?""";
    private static final String REMOVE = """
            DELETE FROM chatbot_integrations WHERE chatbot_id = ? AND integration_id = ? AND organization_id = ?""";

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** An organisation integration and whether (and how) one chatbot uses it. */
    public record ChatbotIntegration(UUID id, ToolKind provider, String name, String description,
                                     Map<String, Object> config, boolean active, boolean enabled,
                                     Map<String, Object> settingsOverride) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final IntegrationCredentials credentials;

    public IntegrationRepository(JdbcTemplate jdbc, ObjectMapper mapper, IntegrationCredentials credentials) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.credentials = credentials;
    }

    public List<Integration> list(UUID organizationId) {
        return jdbc.query(LIST, this::integration, organizationId);
    }

    public Optional<Integration> find(UUID organizationId, UUID integrationId) {
        return jdbc.query(FIND, this::integration, integrationId, organizationId).stream().findFirst();
    }

    /** The headers to send to the integration's server (its credentials); none when it has no credentials. */
    public Map<String, String> credentialHeaders(UUID organizationId, UUID integrationId) {
        if (organizationId == null || integrationId == null) {
            return Map.of();
        }
        List<String> stored = jdbc.queryForList(CREDENTIALS, String.class, integrationId, organizationId);
        return stored.isEmpty() ? Map.of() : credentials.headers(stored.get(0));
    }

    public UUID create(UUID organizationId, ToolKind provider, String name, String description, Map<String, Object> config,
                       Map<String, String> credentialHeaders, boolean active) {
        return jdbc.queryForObject(INSERT, UUID.class, organizationId, provider.value(), name, description,
                Json.write(mapper, config), credentials.store(credentialHeaders), active);
    }

    /**
     * Null arguments keep the current value, an empty description clears it; a config is merged into the
     * current one (top-level keys). False when the integration is not the organisation's.
     */
    public boolean update(UUID organizationId, UUID integrationId, String description, Map<String, Object> config,
                          Boolean active) {
        return jdbc.update(UPDATE, description, config == null ? null : Json.write(mapper, config), active, integrationId,
                organizationId) == 1;
    }

    public boolean updateCredentials(UUID organizationId, UUID integrationId, Map<String, String> credentialHeaders) {
        return jdbc.update(UPDATE_CREDENTIALS, credentials.store(credentialHeaders), integrationId, organizationId) == 1;
    }

    public boolean storeImportedTools(UUID organizationId, UUID integrationId, List<Map<String, Object>> tools) {
        return jdbc.update(STORE_IMPORTED_TOOLS, Json.write(mapper, tools), integrationId, organizationId) == 1;
    }

    public boolean delete(UUID organizationId, UUID integrationId) {
        return jdbc.update(DELETE, integrationId, organizationId) == 1;
    }

    public boolean chatbotExists(UUID organizationId, UUID chatbotId) {
        Integer count = jdbc.queryForObject(CHATBOT_EXISTS, Integer.class, chatbotId, organizationId);
        return count != null && count > 0;
    }

    public List<ChatbotIntegration> chatbotIntegrations(UUID organizationId, UUID chatbotId) {
        return jdbc.query(CHATBOT_INTEGRATIONS, (rs, i) -> new ChatbotIntegration(rs.getObject("id", UUID.class),
                kind(rs), rs.getString("name"), rs.getString("description"), map(rs.getString("config")),
                rs.getBoolean("is_active"), Boolean.TRUE.equals(rs.getObject("is_enabled")),
                map(rs.getString("settings_override"))), chatbotId, organizationId);
    }

    /**
     * Enables or disables an integration for a chatbot (created on first use); a null override keeps the
     * current one. False when the chatbot or the integration is not the organisation's.
     */
    public boolean switchForChatbot(UUID organizationId, UUID chatbotId, UUID integrationId, boolean enabled,
                                    Map<String, Object> settingsOverride) {
        String override = settingsOverride == null ? null : Json.write(mapper, settingsOverride);
        return jdbc.update(SWITCH, enabled, override, chatbotId, integrationId, organizationId, override) == 1;
    }

    /**
     * Changes how a chatbot uses an integration: null keeps {@code enabled} or the override. False when the
     * chatbot does not use the integration.
     */
    public boolean updateForChatbot(UUID organizationId, UUID chatbotId, UUID integrationId, Boolean enabled,
                                    Map<String, Object> settingsOverride) {
        return jdbc.update(UPDATE_FOR_CHATBOT, enabled, settingsOverride == null ? null : Json.write(mapper, settingsOverride),
                chatbotId, integrationId, organizationId) == 1;
    }

    public boolean removeFromChatbot(UUID organizationId, UUID chatbotId, UUID integrationId) {
        return jdbc.update(REMOVE, chatbotId, integrationId, organizationId) == 1;
    }

    private Integration integration(ResultSet rs, int row) throws SQLException {
        return new Integration(rs.getObject("id", UUID.class), kind(rs), rs.getString("name"),
                rs.getString("description"), map(rs.getString("config")), rs.getBoolean("is_active"),
                rs.getBoolean("has_credentials"), rs.getObject("last_discovered_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    private static ToolKind kind(ResultSet rs) throws SQLException {
        String provider = rs.getString("provider");
        return ToolKind.of(provider).orElseThrow(() -> new IllegalStateException("unknown integration provider " + provider));
    }

    private Map<String, Object> map(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(text, MAP);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
