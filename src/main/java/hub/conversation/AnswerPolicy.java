package hub.conversation;

import java.util.Set;

import hub.config.HubProperties;
import hub.conversation.ConversationRepository.ChatbotContext;
import hub.conversation.Turn.NotAnswered;
import org.springframework.stereotype.Component;

/**
 * Whether the agent answers a message, and if not why and what (if anything) is sent instead. The
 * checks run in the order that spends nothing on messages that will not be answered: chatbot and
 * organisation active, manual mode, reactions, the sender's own rate limit (before anything that answers
 * or spends the chatbot's budgets, so one sender cannot use them up), message type, length and quota. A message
 * that passes them all is answered if the chatbot's hourly budget allows: the statement that stores it consumes the
 * budget ({@code ConversationRepository.storeForAgent}), so that rejected messages do not consume it.
 */
@Component
public record AnswerPolicy(HubProperties hub, CustomerRateLimits customerRateLimits) {

    /** Types whose text we can answer: the text itself, a reply title or a media caption (voice notes: their transcript). */
    private static final Set<String> TEXTUAL = Set.of("text", "interactive", "button", "image", "video", "document");

    /** The decision; {@code reason} null means the agent answers. */
    public record Decision(NotAnswered reason, String automaticReply) {
        static Decision answer() {
            return new Decision(null, null);
        }
    }

    /** @param media how the message's media would be used ({@code hub.media.MediaPolicy}) */
    public Decision decide(ChatbotContext context, String conversationMode, InboundMessage message, MediaUse media) {
        Chatbot bot = context.chatbot();
        if (!context.organizationActive()) {
            return new Decision(NotAnswered.organization_inactive, null);
        }
        if (!context.chatbotActive()) {
            return new Decision(NotAnswered.chatbot_inactive, null);
        }
        if ("manual".equals(conversationMode)) {
            return new Decision(NotAnswered.manual_mode, null);
        }
        if ("reaction".equals(message.type())) {
            return new Decision(NotAnswered.reaction, null);
        }
        if (!customerRateLimits.tryConsume(bot.id(), sender(message))) {
            return new Decision(NotAnswered.customer_rate_limit, null);
        }
        if (media == MediaUse.NO_TRANSCRIBER) {
            return new Decision(NotAnswered.unsupported_type, bot.pleaseWriteMessage());
        }
        if (media == MediaUse.UNSUPPORTED) {
            return new Decision(NotAnswered.unsupported_type, bot.unsupportedMessage());
        }
        String text = message.text();
        if (!media.downloads() && (!TEXTUAL.contains(message.type()) || text == null || text.isBlank())) {
            return new Decision("text".equals(message.type()) ? NotAnswered.empty_message : NotAnswered.unsupported_type,
                    "text".equals(message.type()) ? null : bot.unsupportedMessage());
        }
        HubProperties.Plan plan = hub.plan(bot.planTier());
        if (text != null && text.length() > plan.maxMessageLength()) {
            return new Decision(NotAnswered.too_long, null);
        }
        if (overQuota(context)) {
            return new Decision(NotAnswered.quota_exceeded, bot.fallbackMessageLimit());
        }
        return Decision.answer();
    }

    /** Who the customer is for the per-customer limit: the sender's WhatsApp number. */
    public static String sender(InboundMessage message) {
        return message.sender() == null ? "unknown" : message.sender();
    }

    /** The chatbot's hourly budget of answered messages (its plan's). */
    public int messagesPerHour(Chatbot bot) {
        return hub.plan(bot.planTier()).messagesPerHour();
    }

    public static boolean overQuota(ChatbotContext context) {
        return context.messagesUsed() >= context.messageLimit() || context.tokensUsed() >= context.tokenLimit();
    }

    /** True when this answer takes the organisation past the warning share of its message or token quota. */
    public boolean nearQuota(ChatbotContext context) {
        double ratio = hub.conversation().quotaWarningRatio();
        return context.messagesUsed() + 1 >= ratio * context.messageLimit() || context.tokensUsed() >= ratio * context.tokenLimit();
    }
}
