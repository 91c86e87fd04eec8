package hub.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The api_keys statements. */
@Repository
public class ApiKeyRepository {

    private static final String FIND_ACTIVE = """
            SELECT k.id, k.organization_id
              FROM api_keys k JOIN organizations o ON o.id = k.organization_id
             WHERE k.key_hash = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND o.is_active""";
    private static final String TOUCH = """
            UPDATE api_keys SET last_used_at = now()
             WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""";
    private static final String INSERT = """
            INSERT INTO api_keys (organization_id, name, key_prefix, key_hash) VALUES (?, ?, ?, ?) RETURNING id""";

    private final JdbcTemplate jdbc;

    public ApiKeyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Caller> findActive(String plaintextKey) {
        var callers = jdbc.query(FIND_ACTIVE, (rs, i) -> Caller.tenant(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class)),
                ApiKeys.hash(plaintextKey));
        callers.forEach(caller -> jdbc.update(TOUCH, caller.apiKeyId()));
        return callers.stream().findFirst();
    }

    /** Creates a key for the organisation and returns its plaintext, which is not stored. */
    public String create(UUID organizationId, String name) {
        ApiKeys.NewKey key = ApiKeys.generate();
        jdbc.queryForObject(INSERT, UUID.class, organizationId, name, key.prefix(), key.hash());
        return key.plaintext();
    }
}
