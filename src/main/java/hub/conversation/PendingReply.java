package hub.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A reply on its way to WhatsApp, stored with its webhook events while it is sent: what a send cut by a crash is
 * proved or sent again from. {@code key} (the turn's first webhook event) travels with the send as
 * {@code biz_opaque_callback_data}, which Meta returns in the message's status webhooks.
 *
 * @param interactive the interactive message's payload instead of {@code text}, or null
 * @param history     the agent's answer, kept in the conversation (automatic texts are not)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PendingReply(UUID key, List<UUID> eventIds, UUID organizationId, UUID chatbotId, String phoneNumberId, UUID contactId, String to,
                           String replyToWamid, String text, Map<String, Object> interactive, List<Long> inboundMessageIds,
                           boolean history) {

    private static final String CALLBACK_PREFIX = "hub-reply:";

    public static PendingReply of(Turn turn) {
        List<UUID> events = turn.webhookEventIds();
        return new PendingReply(events.get(0), events, turn.chatbot().organizationId(), turn.chatbot().id(), turn.chatbot().phoneNumberId(),
                turn.customer().contactId(), turn.customer().phone(), turn.inbound().wamid(), turn.replyText(),
                turn.interactive() == null ? null : turn.interactive().payload(), turn.inboundMessageIds(), turn.llm() != null);
    }

    public String callbackData() {
        return CALLBACK_PREFIX + key;
    }

    /** The reply key a status webhook's {@code biz_opaque_callback_data} names, if it is one of ours. */
    public static Optional<UUID> keyOf(String callbackData) {
        if (callbackData == null || !callbackData.startsWith(CALLBACK_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(callbackData.substring(CALLBACK_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
