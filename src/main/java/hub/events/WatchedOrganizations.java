package hub.events;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The organisations with an open event stream somewhere: only their writes send a {@code NOTIFY}. */
@Repository
public class WatchedOrganizations {

    private static final String WATCH = """
            INSERT INTO watched_organizations (organization_id, watched_until)
            SELECT id, now() + make_interval(secs => ?) FROM unnest(?::uuid[]) id
            ON CONFLICT (organization_id) DO UPDATE SET watched_until = greatest(watched_organizations.watched_until,
                                                                                 excluded.watched_until)""";

    private final JdbcTemplate jdbc;

    public WatchedOrganizations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the organisations as watched for {@code period} from now. */
    public void watch(Collection<UUID> organizationIds, Duration period) {
        if (!organizationIds.isEmpty()) {
            jdbc.update(WATCH, period.toMillis() / 1000.0, organizationIds.stream().map(UUID::toString).toArray(String[]::new));
        }
    }
}
