package hub.security;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hub.config.HubProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Counts failed authentication attempts per source address in a token bucket: {@code hub.security.failed-auth-limit}
 * failures per {@code hub.security.failed-auth-period}. An address that has used them up is refused until
 * the period ends; nothing is ever slept on. Addresses are kept in memory, the least recently failing
 * forgotten first beyond {@code hub.security.failed-auth-tracked-addresses}.
 */
@Component
public class FailedAuthenticationLimiter {

    private final Cache<String, Bucket> buckets;
    private final int limit;
    private final Duration period;

    public FailedAuthenticationLimiter(HubProperties hub) {
        HubProperties.Security settings = hub.security();
        this.limit = settings.failedAuthLimit();
        this.period = settings.failedAuthPeriod();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(settings.failedAuthTrackedAddresses())
                .expireAfterAccess(period)
                .build();
    }

    /** How long the address must wait before it may try again, when it has used up its failures. */
    public OptionalLong blockedForSeconds(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    public void recordFailure(String address) {
        buckets.get(address, key -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillIntervally(limit, period).build())
                .build();
    }
}
