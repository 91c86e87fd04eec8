package db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import hub.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rolling-window limiter every hub instance shares (try_consume_rate_limit on PostgreSQL). */
@IntegrationTest
class RateLimitIT {

    @Autowired
    JdbcTemplate jdbc;

    private boolean consume(String bucket, int limit, String window) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT allowed FROM try_consume_rate_limit(?, ?, ?::interval)", Boolean.class, bucket, limit, window));
    }

    private int hitsOf(String bucket) {
        return jdbc.queryForObject("SELECT count(*) FROM rate_limit_hits WHERE bucket_key = ?", Integer.class, bucket);
    }

    private int counterOf(String bucket) {
        return jdbc.queryForObject("SELECT hits FROM rate_limit_buckets WHERE bucket_key = ?", Integer.class, bucket);
    }

    @Test
    void rejectedRequestsDoNotConsumeBudgetAndTheWindowRolls() throws Exception {
        String bucket = "test:" + UUID.randomUUID();
        assertThat(consume(bucket, 2, "1 second")).isTrue();
        assertThat(consume(bucket, 2, "1 second")).isTrue();
        assertThat(consume(bucket, 2, "1 second")).isFalse();
        assertThat(consume(bucket, 2, "1 second")).isFalse();
        assertThat(hitsOf(bucket)).as("rejections leave no hit").isEqualTo(2);

        Thread.sleep(1_100);
        assertThat(consume(bucket, 2, "1 second")).as("the first two hits left the window").isTrue();
        assertThat(hitsOf(bucket)).as("expired hits are pruned on the way").isEqualTo(1);
        assertThat(counterOf(bucket)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsGetExactlyTheLimit() throws Exception {
        String bucket = "test:" + UUID.randomUUID();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = IntStream.range(0, 40)
                    .<Callable<Boolean>>mapToObj(i -> () -> consume(bucket, 25, "1 hour")).toList();
            long allowed = pool.invokeAll(calls).stream().filter(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertThat(allowed).as("40 requests at once against a limit of 25").isEqualTo(25);
            assertThat(counterOf(bucket)).isEqualTo(25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cleanupKeepsTheCountersTrue() {
        String bucket = "test:" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(consume(bucket, 10, "1 hour")).isTrue();
        }
        jdbc.update("UPDATE rate_limit_hits SET hit_at = hit_at - interval '3 hours' WHERE id = "
                + "(SELECT min(id) FROM rate_limit_hits WHERE bucket_key = ?)", bucket);

        Integer removed = jdbc.queryForObject("SELECT cleanup_rate_limit_hits(interval '2 hours')", Integer.class);

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(hitsOf(bucket)).isEqualTo(2);
        assertThat(counterOf(bucket)).isEqualTo(2);
    }
}
