package hub.tenant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import hub.security.ApiKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The platform operator's statements: organisations and their API keys. */
@Repository
public class OrganizationRepository {

    private static final String COLUMNS = """
            SELECT id, name, slug, plan_tier, is_active, message_limit_monthly, token_limit_monthly,
                   billing_period_start, billing_period_end, max_knowledge_pdfs, max_knowledge_urls,
                   max_knowledge_ingestions_per_day, max_knowledge_storage_mb, created_at, updated_at
              FROM organizations""";
    private static final String FIND = COLUMNS + " WHERE id = ?";
    private static final String LIST = COLUMNS + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?";
    private static final String INSERT = """
            INSERT INTO organizations (name, slug, plan_tier, message_limit_monthly, token_limit_monthly,
                                       max_knowledge_pdfs, max_knowledge_urls, max_knowledge_ingestions_per_day,
                                       max_knowledge_storage_mb)
            VALUES (?, ?, coalesce(?, 'free'), coalesce(?, 100), coalesce(?, 100000), coalesce(?, 10), coalesce(?, 5),
                    coalesce(?, 20), coalesce(?, 100))
            RETURNING id""";
    private static final String UPDATE = """
            UPDATE organizations
               SET name = coalesce(?, name), slug = coalesce(?, slug), plan_tier = coalesce(?, plan_tier),
                   message_limit_monthly = coalesce(?, message_limit_monthly),
                   token_limit_monthly = coalesce(?, token_limit_monthly),
                   max_knowledge_pdfs = coalesce(?, max_knowledge_pdfs),
                   max_knowledge_urls = coalesce(?, max_knowledge_urls),
                   max_knowledge_ingestions_per_day = coalesce(?, max_knowledge_ingestions_per_day),
                   max_knowledge_storage_mb = coalesce(?, max_knowledge_storage_mb),
                   is_active = coalesce(?, is_active)
             WHERE id = ?""";
    private static final String KEY_COLUMNS = """
            SELECT id, name, key_prefix, created_by, created_at, last_used_at, expires_at, revoked_at,
                   revoked_at IS NULL AS active
              FROM api_keys""";
    private static final String KEYS = KEY_COLUMNS + "\n" + """
             WHERE organization_id = ? AND (?::text IS NULL OR key_prefix LIKE ? || '%')
             ORDER BY created_at DESC, id""";
    private static final String KEY = KEY_COLUMNS + " WHERE organization_id = ? AND id = ?";
    private static final String INSERT_KEY = """
            INSERT INTO api_keys (organization_id, name, key_prefix, key_hash, created_by, expires_at)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id""";
    private static final String REVOKE_KEY = """
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE organization_id = ? AND id = ?""";

    /** The fields an operator sets; null = default (create) or unchanged (update). */
    public record OrganizationFields(String name, String slug, String planTier, Integer messageLimitMonthly,
                                     Long tokenLimitMonthly, Integer maxKnowledgePdfs, Integer maxKnowledgeUrls,
                                     Integer maxKnowledgeIngestionsPerDay, Integer maxKnowledgeStorageMb, Boolean active) {
    }

    private final JdbcTemplate jdbc;

    public OrganizationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public UUID create(OrganizationFields f) {
        return jdbc.queryForObject(INSERT, UUID.class, f.name(), f.slug(), f.planTier(), f.messageLimitMonthly(),
                f.tokenLimitMonthly(), f.maxKnowledgePdfs(), f.maxKnowledgeUrls(), f.maxKnowledgeIngestionsPerDay(),
                f.maxKnowledgeStorageMb());
    }

    public boolean update(UUID id, OrganizationFields f) {
        return jdbc.update(UPDATE, f.name(), f.slug(), f.planTier(), f.messageLimitMonthly(), f.tokenLimitMonthly(),
                f.maxKnowledgePdfs(), f.maxKnowledgeUrls(), f.maxKnowledgeIngestionsPerDay(), f.maxKnowledgeStorageMb(),
                f.active(), id) > 0;
    }

    public Optional<Map<String, Object>> find(UUID id) {
        return jdbc.queryForList(FIND, id).stream().findFirst();
    }

    public List<Map<String, Object>> list(int limit, int offset) {
        return jdbc.queryForList(LIST, limit, offset);
    }

    /** A new key: the row (without hash) plus the plaintext, which is not stored. */
    public Map<String, Object> createKey(UUID organizationId, String name, java.time.OffsetDateTime expiresAt, String createdBy) {
        ApiKeys.NewKey key = ApiKeys.generate();
        UUID id = jdbc.queryForObject(INSERT_KEY, UUID.class, organizationId, name, key.prefix(), key.hash(), createdBy, expiresAt);
        Map<String, Object> row = new java.util.LinkedHashMap<>(key(organizationId, id).orElseThrow());
        row.put("key", key.plaintext());
        return row;
    }

    public List<Map<String, Object>> keys(UUID organizationId, String prefix) {
        return jdbc.queryForList(KEYS, organizationId, prefix, prefix);
    }

    public Optional<Map<String, Object>> key(UUID organizationId, UUID keyId) {
        return jdbc.queryForList(KEY, organizationId, keyId).stream().findFirst();
    }

    public boolean revokeKey(UUID organizationId, UUID keyId) {
        return jdbc.update(REVOKE_KEY, organizationId, keyId) > 0;
    }
}
