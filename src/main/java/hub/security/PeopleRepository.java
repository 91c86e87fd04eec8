package hub.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import hub.config.HubProperties;
import hub.web.ApiError;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The users statements (the people of an organisation, who sign in to the console) and the sign_in_failures
 * statements (failed sign-ins in a row per e-mail address). E-mail addresses are compared in lower case.
 */
@Repository
public class PeopleRepository {

    /** A user as the sign-in and the session need it; {@code active}: the user and the organisation are. */
    public record Account(UUID id, UUID organizationId, String email, String role, String passwordHash,
                          boolean mustChangePassword, boolean active) {
    }

    private static final String ACCOUNT_COLUMNS = """
            SELECT u.id, u.organization_id, u.email, u.role, u.password_hash, u.must_change_password,
                   u.is_active AND o.is_active AS active
              FROM users u JOIN organizations o ON o.id = u.organization_id""";
    private static final String ACCOUNT_BY_EMAIL = ACCOUNT_COLUMNS + " WHERE lower(u.email) = lower(?)";
    private static final String ACCOUNT_BY_ID = ACCOUNT_COLUMNS + " WHERE u.id = ?";
    private static final String SESSION_USER = """
            SELECT u.id, u.email, u.full_name, u.role, u.organization_id, o.name AS organization_name, u.must_change_password
              FROM users u JOIN organizations o ON o.id = u.organization_id
             WHERE u.id = ?""";
    private static final String PERSON_COLUMNS = """
            SELECT id, email, full_name, role, is_active, must_change_password, last_login_at, created_at
              FROM users""";
    private static final String LIST = PERSON_COLUMNS + " WHERE organization_id = ? ORDER BY created_at, id";
    private static final String FIND = PERSON_COLUMNS + " WHERE organization_id = ? AND id = ?";
    private static final String INSERT = """
            INSERT INTO users (organization_id, email, full_name, role, password_hash, must_change_password)
            VALUES (?, lower(?), ?, ?, ?, ?) RETURNING id""";
    private static final String LOCK_ORGANIZATION = "SELECT id FROM organizations WHERE id = ? FOR UPDATE";
    private static final String OTHER_ACTIVE_OWNERS = """
            SELECT count(*) FROM users WHERE organization_id = ? AND id <> ? AND role = 'owner' AND is_active""";
    private static final String UPDATE = """
            UPDATE users SET full_name = coalesce(?, full_name), role = coalesce(?, role), is_active = coalesce(?, is_active)
             WHERE organization_id = ? AND id = ?""";
    private static final String SET_PASSWORD = """
            UPDATE users SET password_hash = ?, must_change_password = ? WHERE organization_id = ? AND id = ?""";
    private static final String SIGNED_IN = "UPDATE users SET last_login_at = now() WHERE id = ?";
    private static final String LOCKED_FOR_SECONDS = """
            SELECT ceil(extract(epoch FROM locked_until - now()))::bigint FROM sign_in_failures
             WHERE email = lower(?) AND locked_until > now()""";
    // the attempt that reaches the limit locks the address and starts a new count for after the lock
    private static final String FAILED = """
            INSERT INTO sign_in_failures AS f (email, failures) VALUES (lower(?), 1)
            ON CONFLICT (email) DO UPDATE
               SET failures = CASE WHEN f.failures + 1 >= ? THEN 0 ELSE f.failures + 1 END,
                   locked_until = CASE WHEN f.failures + 1 >= ? THEN now() + make_interval(secs => ?) ELSE f.locked_until END,
                   updated_at = now()""";
    private static final String SUCCEEDED = "DELETE FROM sign_in_failures WHERE email = lower(?)";
    private static final String FORGET_OLD_FAILURES = """
            DELETE FROM sign_in_failures
             WHERE updated_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final HubProperties.Console console;

    public PeopleRepository(JdbcTemplate jdbc, TransactionTemplate tx, HubProperties hub) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.console = hub.console();
    }

    public Optional<Account> account(String email) {
        return jdbc.query(ACCOUNT_BY_EMAIL, (rs, i) -> account(rs), email).stream().findFirst();
    }

    public Optional<Account> account(UUID userId) {
        return jdbc.query(ACCOUNT_BY_ID, (rs, i) -> account(rs), userId).stream().findFirst();
    }

    private static Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), rs.getString("email"),
                rs.getString("role"), rs.getString("password_hash"), rs.getBoolean("must_change_password"), rs.getBoolean("active"));
    }

    /** The signed-in person as {@code GET /console/session} shows them. */
    public Optional<Map<String, Object>> sessionUser(UUID userId) {
        return jdbc.queryForList(SESSION_USER, userId).stream().findFirst();
    }

    public List<Map<String, Object>> list(UUID organizationId) {
        return jdbc.queryForList(LIST, organizationId);
    }

    public Optional<Map<String, Object>> find(UUID organizationId, UUID userId) {
        return jdbc.queryForList(FIND, organizationId, userId).stream().findFirst();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when another user has the e-mail address */
    public UUID create(UUID organizationId, String email, String fullName, String role, String passwordHash,
                       boolean mustChangePassword) {
        return jdbc.queryForObject(INSERT, UUID.class, organizationId, email, fullName, role, passwordHash, mustChangePassword);
    }

    /**
     * Changes what is not null; false when the organisation has no such user.
     *
     * @throws ApiError 409 {@code last_owner} when the change would leave the organisation without an active owner
     */
    public boolean update(UUID organizationId, UUID userId, String fullName, String role, Boolean active) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            jdbc.queryForList(LOCK_ORGANIZATION, organizationId);
            Optional<Map<String, Object>> person = find(organizationId, userId);
            if (person.isEmpty()) {
                return false;
            }
            boolean activeOwner = Caller.OWNER.equals(person.get().get("role")) && Boolean.TRUE.equals(person.get().get("is_active"));
            boolean staysActiveOwner = (role == null || Caller.OWNER.equals(role)) && (active == null || active);
            if (activeOwner && !staysActiveOwner
                    && jdbc.queryForObject(OTHER_ACTIVE_OWNERS, Long.class, organizationId, userId) == 0) {
                throw ApiError.conflict("last_owner", "The organisation's last active owner cannot be demoted or deactivated");
            }
            return jdbc.update(UPDATE, fullName, role, active, organizationId, userId) > 0;
        }));
    }

    public boolean setPassword(UUID organizationId, UUID userId, String passwordHash, boolean mustChangePassword) {
        return jdbc.update(SET_PASSWORD, passwordHash, mustChangePassword, organizationId, userId) > 0;
    }

    /** A successful sign-in: the address's failures are forgotten. */
    public void signedIn(UUID userId, String email) {
        jdbc.update(SIGNED_IN, userId);
        forgetSignInFailures(email);
    }

    /** The address's failed sign-ins are forgotten, and its lock ends. */
    public void forgetSignInFailures(String email) {
        jdbc.update(SUCCEEDED, email);
    }

    /** Counts a failed sign-in of the address (whether or not a user has it). */
    public void signInFailed(String email) {
        jdbc.update(FAILED, email, console.signInAttempts(), console.signInAttempts(), console.lockout().toSeconds());
    }

    /** Run hourly (maintenance.yaml): addresses without a failure for a day start from zero; how many were forgotten. */
    public int forgetOldSignInFailures() {
        return jdbc.update(FORGET_OLD_FAILURES);
    }

    /** Seconds until the address may try again, when it is locked. */
    public OptionalLong lockedForSeconds(String email) {
        return jdbc.queryForList(LOCKED_FOR_SECONDS, Long.class, email).stream().mapToLong(Long::longValue).findFirst();
    }
}
