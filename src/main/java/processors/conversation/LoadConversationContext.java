package processors.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import hub.ExchangeKeys;
import hub.alerts.Alert;
import hub.config.HubProperties;
import hub.conversation.AnswerPolicy;
import hub.conversation.ConversationRepository;
import hub.conversation.ConversationRepository.ChatbotContext;
import hub.conversation.Customer;
import hub.conversation.CustomerRateLimits;
import hub.conversation.InboundMessage;
import hub.conversation.MediaUse;
import hub.conversation.Turn;
import hub.conversation.Turn.NotAnswered;
import hub.media.MediaPolicy;
import hub.metrics.BusinessMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The context enricher: with the chatbot and organisation the claim found by phone number id, the period's
 * usage and the contact the claim upserted, decides whether the agent answers ({@link AnswerPolicy}) and stores the
 * inbound message once, with the reason when it is not answered; for a message the agent answers now, the same
 * statement reads the chatbot's tools and the conversation's last messages. Alerts it raises are left in the
 * {@link ExchangeKeys#ALERTS} property for {@code direct:alert}.
 */
@Component
public record LoadConversationContext(ConversationRepository conversations, AnswerPolicy policy,
                                      CustomerRateLimits customerRateLimits, MediaPolicy mediaPolicy, BusinessMetrics metrics,
                                      HoldForBurst holdForBurst, HubProperties hub) implements Processor {

    private static final Set<String> MESSAGE_TYPES = Set.of("text", "interactive", "button", "image", "video", "audio",
            "document", "sticker", "location", "contacts", "reaction", "order", "system", "request_welcome", "unsupported");

    // in take-message's transaction: the contact, the hourly budget and the stored message commit with the claim
    // (a message that could not be stored does not consume budget)
    @Override
    public void process(Exchange exchange) {
        enrich(exchange);
        Turn turn = exchange.getIn().getBody(Turn.class);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                metrics.messageReceived(turn);
            }
        });
    }

    private void enrich(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        InboundMessage message = turn.inbound();
        List<Alert> alerts = new ArrayList<>();
        exchange.setProperty(ExchangeKeys.ALERTS, alerts);

        var found = turn.chatbotContext();
        if (found.isEmpty()) {
            turn.notAnswered(NotAnswered.unknown_number, null);
            turn.inboundMessageId(conversations.storeInbound(null, null, message, messageType(message), message.text(),
                    NotAnswered.unknown_number.name(), metadata(message)));
            alerts.add(new Alert(null, null, Alert.Reason.UNKNOWN_NUMBER, Alert.Severity.WARNING,
                    "A message arrived for phone number id " + message.phoneNumberId() + ", which no chatbot uses",
                    Map.of("phone_number_id", String.valueOf(message.phoneNumberId())), "unknown-number:" + message.phoneNumberId()));
            return;
        }
        ChatbotContext context = found.get();
        exchange.getIn().setHeader(ExchangeKeys.CHATBOT_ID, context.chatbot().id().toString());
        String phone = AnswerPolicy.sender(message);
        var contact = turn.contact();
        turn.context(context.chatbot(), new Customer(contact.id(), phone, message.profileName() != null
                ? message.profileName() : "Unknown", contact.variables(), contact.tags()));

        MediaUse media = mediaPolicy.use(context.chatbot(), message);
        turn.mediaUse(media);
        AnswerPolicy.Decision decision = policy.decide(context, contact.conversationMode(), message, media);
        if (decision.reason() != null) {
            turn.notAnswered(decision.reason(), decision.automaticReply());
            turn.inboundMessageId(conversations.storeInbound(context.chatbot(), contact.id(), message, messageType(message),
                    message.text(), decision.reason().name(), metadata(message)));
        } else {
            storeWithinHourlyBudget(turn, context, message);
        }
        alerts.addAll(limitAlerts(context, turn.notAnswered(), message, contact.id()));
    }

    // the statement that stores a message the agent would answer consumes the chatbot's hourly budget; a message that
    // waits for its burst is given the agent's inputs when the burst is answered
    private void storeWithinHourlyBudget(Turn turn, ChatbotContext context, InboundMessage message) {
        var bot = context.chatbot();
        int budget = policy.messagesPerHour(bot);
        UUID contactId = turn.customer().contactId();
        var stored = holdForBurst.holds(turn)
                ? conversations.storeWithinHourlyBudget(bot, budget, contactId, message, messageType(message), metadata(message))
                : conversations.storeForAgent(bot, budget, contactId, message, messageType(message), metadata(message),
                        hub.conversation().historySize());
        turn.inboundMessageId(stored.inboundMessageId());
        turn.conversation(stored.conversation());
        if (!stored.withinBudget()) {
            turn.notAnswered(NotAnswered.rate_limited, null);
        }
    }

    private List<Alert> limitAlerts(ChatbotContext context, NotAnswered reason, InboundMessage message, UUID contactId) {
        var bot = context.chatbot();
        if (reason == NotAnswered.customer_rate_limit) {
            if (!customerRateLimits.reportDue(bot.id(), AnswerPolicy.sender(message))) {
                return List.of();
            }
            // one row per chatbot (dedup key), counted once per sender and window
            return List.of(new Alert(bot.organizationId(), bot.id(), Alert.Reason.CUSTOMER_RATE_LIMIT, Alert.Severity.WARNING,
                    "A customer of chatbot " + bot.name() + " wrote more messages than the per-customer limit allows; "
                            + "their further messages are stored, not answered, until the limit's window ends",
                    Map.of("contact_id", contactId.toString(), "chatbot_name", bot.name()), "customer-rate-limit:" + bot.id()));
        }
        if (reason == NotAnswered.quota_exceeded) {
            if (conversations.quotaAlertDue(bot.organizationId(), context.periodStart(), true)) {
                return List.of(new Alert(bot.organizationId(), bot.id(), Alert.Reason.QUOTA_EXCEEDED, Alert.Severity.CRITICAL,
                        "The organisation reached its monthly quota (" + context.messagesUsed() + "/" + context.messageLimit()
                                + " messages, " + context.tokensUsed() + "/" + context.tokenLimit()
                                + " tokens); customers get the chatbot's limit message until the period ends",
                        quotaFigures(context), "quota-exceeded:" + context.periodStart()));
            }
        } else if (reason == NotAnswered.rate_limited) {
            return List.of(new Alert(bot.organizationId(), bot.id(), Alert.Reason.HOURLY_LIMIT, Alert.Severity.WARNING,
                    "Chatbot " + bot.name() + " reached its hourly message limit; further messages this hour are stored, not answered",
                    Map.of("phone_number_id", bot.phoneNumberId(), "chatbot_name", bot.name()), "rate-limit:" + bot.phoneNumberId()));
        } else if (reason == null && policy.nearQuota(context)
                && conversations.quotaAlertDue(bot.organizationId(), context.periodStart(), false)) {
            return List.of(new Alert(bot.organizationId(), bot.id(), Alert.Reason.QUOTA_WARNING, Alert.Severity.WARNING,
                    "The organisation has used most of its monthly quota (" + context.messagesUsed() + "/"
                            + context.messageLimit() + " messages, " + context.tokensUsed() + "/" + context.tokenLimit() + " tokens)",
                    quotaFigures(context), "quota-warning:" + context.periodStart()));
        }
        return List.of();
    }

    private static Map<String, Object> quotaFigures(ChatbotContext context) {
        return Map.of("period_start", String.valueOf(context.periodStart()), "messages_used", context.messagesUsed(),
                "message_limit", context.messageLimit(), "tokens_used", context.tokensUsed(), "token_limit", context.tokenLimit());
    }

    static String messageType(InboundMessage message) {
        return MESSAGE_TYPES.contains(message.type()) ? message.type() : "unknown";
    }

    private static Map<String, Object> metadata(InboundMessage message) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (message.attachment() != null && !message.attachment().isNull()) {
            metadata.put("attachment", message.attachment());
        }
        if (message.fromUserId() != null) {
            metadata.put("fromUserId", message.fromUserId());
        }
        return metadata;
    }
}
