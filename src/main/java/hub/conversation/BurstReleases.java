package hub.conversation;

import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import hub.config.HubProperties;
import hub.kafka.RetryableFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives a failed burst back to the sweep. A burst has no Kafka redelivery: when its turn failed because the database
 * was unreachable, the release cannot be written either, so it is kept here and written by a later sweep, instead of
 * leaving the burst leased until the stuck-message recovery finds it minutes later.
 */
@Component
public class BurstReleases {

    private static final Logger log = LoggerFactory.getLogger(BurstReleases.class);

    private record Release(List<UUID> webhookEventIds, String error) {
    }

    private final ConversationRepository conversations;
    private final HubProperties.Conversation settings;
    private final Queue<Release> waiting = new ConcurrentLinkedQueue<>();

    public BurstReleases(ConversationRepository conversations, HubProperties hub) {
        this.conversations = conversations;
        this.settings = hub.conversation();
    }

    public void release(List<UUID> webhookEventIds, String error) {
        try {
            conversations.releaseBurst(webhookEventIds, error, settings.uncertainSendWait());
        } catch (RuntimeException e) {
            if (!RetryableFailure.test(e)) {
                throw e;
            }
            log.warn("Burst of {} message(s) kept for release until the database answers again", webhookEventIds.size());
            waiting.add(new Release(webhookEventIds, error));
        }
    }

    /** Writes the releases the database could not take; stops at the first that still cannot be written. */
    public void retryWaiting() {
        for (Release release; (release = waiting.peek()) != null; waiting.poll()) {
            try {
                conversations.releaseBurst(release.webhookEventIds(), release.error(), settings.uncertainSendWait());
            } catch (RuntimeException e) {
                if (!RetryableFailure.test(e)) {
                    throw e;
                }
                return;
            }
        }
    }
}
