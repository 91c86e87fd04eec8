package hub.security;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hub.config.HubProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

/**
 * Request limits of the tenant API per API key ({@code hub.api.rate-limit}): every request takes a token
 * of the key's per-minute bucket, and the heavy requests (crawl, upload, URL ingestion, re-sync), which
 * fetch, parse and embed documents, also one of a much smaller bucket. Over a limit the request is
 * refused with 429 and the seconds until the next token. The operator token is not limited here: it
 * never reaches the tenant routes. Buckets live in this instance's memory; with several instances
 * behind a load balancer a key gets up to the limit on each.
 */
@Component
public class ApiRateLimits {

    /** Route ids of the heavy requests. */
    static final Set<String> HEAVY_ROUTES = Set.of("knowledge-crawl", "knowledge-source-resync", "knowledge-upload",
            "knowledge-url", "knowledge-ingest-batch");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;

    private record Buckets(Bucket requests, Bucket heavy) {
    }

    private final HubProperties.ApiRateLimit limits;
    // a key idle for a minute has full buckets again, so dropping its entry then loses nothing
    private final Cache<UUID, Buckets> keys = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(MINUTE).build();

    public ApiRateLimits(HubProperties hub) {
        this.limits = hub.api().rateLimit();
    }

    /**
     * Counts one request of {@code apiKeyId} on route {@code routeId}.
     *
     * @throws TooManyRequests when the key is over one of its limits
     */
    public void consume(UUID apiKeyId, String routeId) {
        Buckets buckets = keys.get(apiKeyId, key -> new Buckets(perMinute(limits.requestsPerMinute()),
                perMinute(limits.heavyPerMinute())));
        if (HEAVY_ROUTES.contains(routeId) && buckets.heavy() != null) {
            take(buckets.heavy(), "Too many crawl, upload and re-sync requests for this API key (at most "
                    + limits.heavyPerMinute() + " per minute)");
        }
        if (buckets.requests() != null) {
            take(buckets.requests(), "Too many requests for this API key (at most " + limits.requestsPerMinute()
                    + " per minute)");
        }
    }

    private static void take(Bucket bucket, String message) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new TooManyRequests(message + "; retry in " + seconds + " s", seconds);
        }
    }

    /** A bucket of {@code perMinute} tokens refilled evenly over a minute; null when the limit is off (0). */
    private static Bucket perMinute(int perMinute) {
        return perMinute <= 0 ? null
                : Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, MINUTE)).build();
    }
}
