package processors.conversation;

import java.util.List;
import java.util.Map;

import hub.ExchangeKeys;
import hub.alerts.Alert;
import hub.conversation.ConversationRepository;
import hub.conversation.Turn;
import hub.metrics.BusinessMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Closes the webhook event (all of a burst's) with the outcome: completed (answered, or deliberately not answered with
 * its reason) or failed (the reply could not be delivered). Failures of the LLM and of delivery add
 * alerts to {@link ExchangeKeys#ALERTS}.
 */
@Component
public record CompleteTurn(ConversationRepository conversations, BusinessMetrics metrics) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        List<Alert> alerts = Alert.raisedBy(exchange);
        metrics.turnFinished(turn);
        var bot = turn.chatbot();
        String skip = turn.notAnswered() == null ? null : turn.notAnswered().name();
        if (turn.deliveryError() != null) {
            conversations.complete(turn.webhookEventIds(), "failed", Turn.NotAnswered.delivery_failed.name(), "failed", null, bot,
                    turn.deliveryError());
            conversations.markNotAnswered(turn.inboundMessageIds(), Turn.NotAnswered.delivery_failed);
            alerts.add(new Alert(bot.organizationId(), bot.id(), Alert.Reason.SEND_FAILED, Alert.Severity.ERROR,
                    "A reply could not be sent to WhatsApp: " + turn.deliveryError(),
                    Map.of("wamid", turn.inbound().wamid(), "detail", turn.deliveryError()), "send-failed:" + bot.phoneNumberId()));
            return;
        }
        if (turn.notAnswered() == Turn.NotAnswered.turn_timeout) {
            conversations.markNotAnswered(turn.inboundMessageIds(), Turn.NotAnswered.turn_timeout);
            alerts.add(new Alert(bot.organizationId(), bot.id(), Alert.Reason.TURN_TIMEOUT, Alert.Severity.ERROR,
                    turn.llm().error() + "; the customer got the error message",
                    Map.of("provider", String.valueOf(turn.llm().provider()), "model", String.valueOf(turn.llm().model()),
                            "llm_calls", turn.llm().llmCalls(), "tool_calls", turn.llm().toolExecutions().size(),
                            "detail", String.valueOf(turn.llm().error())),
                    "turn-timeout:" + bot.id()));
        } else if (turn.llm() != null && turn.llm().failed()) {
            boolean limit = turn.llm().limitError();
            alerts.add(new Alert(bot.organizationId(), bot.id(), limit ? Alert.Reason.LLM_LIMIT : Alert.Reason.LLM_FAILED,
                    limit ? Alert.Severity.CRITICAL : Alert.Severity.ERROR,
                    (limit ? "The LLM provider's limit was hit; the customer got the limit message: "
                            : "The LLM call failed; the customer got the error message: ") + turn.llm().error(),
                    Map.of("provider", String.valueOf(turn.llm().provider()), "model", String.valueOf(turn.llm().model()),
                            "detail", String.valueOf(turn.llm().error())),
                    "llm-failure:" + bot.id() + ":" + limit));
        }
        String replyStatus = turn.delivered() ? "sent" : turn.replyText() == null ? "skipped" : null;
        String replyWamid = turn.delivered() ? turn.outboundWamids().get(0) : null;
        conversations.complete(turn, skip == null ? "completed" : "skipped", skip, replyStatus, replyWamid);
    }
}
