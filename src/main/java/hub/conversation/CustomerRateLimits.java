package hub.conversation;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hub.config.HubProperties;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * The per-customer limit ({@code hub.conversation.customer-rate-limit}): one sender may have
 * {@code messages} messages per {@code per} considered for an answer by one chatbot, so that one
 * sender cannot spend the chatbot's hourly or monthly budget. The window starts with the sender's first
 * message and all its messages come back at once when it ends.
 */
@Component
public class CustomerRateLimits {

    private static final int MAX_SENDERS = 100_000;

    private record Key(UUID chatbotId, String sender) {
    }

    /** A sender's bucket, and whether it has already been reported in the current window. */
    private record Sender(Bucket bucket, AtomicBoolean reported) {
    }

    private final HubProperties.CustomerRateLimit limit;
    // The inbound topic is keyed phone_number_id:from, so every message of one conversation is consumed by
    // the same instance: a bucket per (chatbot, sender) in this instance's memory sees all of that sender's
    // messages and is right across instances without a SQL statement per message. A sender idle for a whole
    // window would have a full bucket again, so dropping it then loses nothing; a partition moving to another
    // instance starts its senders there with full buckets (at most one extra window's worth).
    private final Cache<Key, Sender> senders;

    public CustomerRateLimits(HubProperties hub) {
        this.limit = hub.conversation().customerRateLimit();
        this.senders = Caffeine.newBuilder().maximumSize(MAX_SENDERS)
                .expireAfterAccess(limit.enabled() ? limit.per() : Duration.ofMinutes(1)).build();
    }

    /** Counts one message of the sender; false when the sender is over the limit (the message is not answered). */
    public boolean tryConsume(UUID chatbotId, String sender) {
        if (!limit.enabled()) {
            return true;
        }
        Sender state = senders.get(new Key(chatbotId, sender), key -> new Sender(Bucket.builder()
                .addLimit(l -> l.capacity(limit.messages()).refillIntervally(limit.messages(), limit.per())).build(),
                new AtomicBoolean()));
        if (state.bucket().tryConsume(1)) {
            state.reported().set(false);
            return true;
        }
        return false;
    }

    /** True for the first refused message of a sender's window only, so a flood raises one alert, not one per message. */
    public boolean reportDue(UUID chatbotId, String sender) {
        Sender state = senders.getIfPresent(new Key(chatbotId, sender));
        return state != null && state.reported().compareAndSet(false, true);
    }
}
