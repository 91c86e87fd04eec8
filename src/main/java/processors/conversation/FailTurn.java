package processors.conversation;

import java.util.Map;

import hub.alerts.Alert;
import hub.config.HubProperties;
import hub.conversation.BurstReleases;
import hub.conversation.ConversationRepository;
import hub.conversation.InboundMessage;
import hub.kafka.RetryableFailure;
import hub.metrics.BusinessMetrics;
import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message whose processing failed after the in-place retries: its event is marked failed (the
 * lease released) so that Kafka's redelivery tries it again, up to {@code hub.conversation.max-attempts};
 * then it is parked with an alert and the exchange stops there. A message that could not even be claimed
 * because the database is unreachable is left to Kafka's redelivery without counting an attempt; a record
 * that is not readable as a message, or cannot be stored at all, is dropped with an error in the log, since
 * no redelivery can fix it.
 */
@Component
public record FailTurn(ConversationRepository conversations, BurstReleases burstReleases, ProducerTemplate producer,
                       HubProperties hub, BusinessMetrics metrics) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(FailTurn.class);

    /** Whether this failure ends the message's attempts (or the record cannot be processed at all). */
    public boolean parks(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        if (body instanceof Turn turn) {
            return !turn.claimed() || turn.attempts() >= hub.conversation().maxAttempts();
        }
        return !(body instanceof InboundMessage)
                || !RetryableFailure.test(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        Object body = exchange.getIn().getBody();
        if (body instanceof InboundMessage message) {
            if (parks(exchange)) {
                log.error("Inbound message {} dropped, it cannot be stored: {}", message.wamid(), reason);
                exchange.setRouteStop(true);
                producer.sendBody("direct:alert", new Alert(null, null, Alert.Reason.MESSAGE_DROPPED, Alert.Severity.ERROR,
                        "An inbound message could not be stored and was dropped: " + reason,
                        Map.of("wamid", String.valueOf(message.wamid()), "phone_number_id", String.valueOf(message.phoneNumberId())),
                        "dropped:" + message.phoneNumberId()));
            } else {
                log.warn("Message {} could not be claimed, will be retried: {}", message.wamid(), reason);
            }
            return;
        }
        if (!(body instanceof Turn turn) || !turn.claimed()) {
            log.error("Inbound record dropped, it cannot be processed: {}", reason);
            exchange.setRouteStop(true);
            return;
        }
        boolean parked = parks(exchange);
        if (!turn.burst().isEmpty() && !parked) { // no Kafka redelivery for a burst: it waits again for the next sweep
            burstReleases.release(turn.webhookEventIds(), reason);
            log.warn("Burst ending with message {} failed (attempt {} of {}), will be retried: {}", turn.inbound().wamid(),
                    turn.attempts(), hub.conversation().maxAttempts(), reason);
            return;
        }
        String skipReason = parked ? Turn.NotAnswered.processing_failed.name() : null;
        if (turn.burst().isEmpty()) { // its claim may have been rolled back with the rest of take-message
            conversations.failAttempt(turn, skipReason, reason);
        } else {
            conversations.complete(turn.webhookEventIds(), "failed", skipReason, null, null, turn.chatbot(), reason);
        }
        log.warn("Message {} failed (attempt {} of {}){}: {}", turn.inbound().wamid(), turn.attempts(),
                hub.conversation().maxAttempts(), parked ? ", parked" : ", will be retried", reason);
        if (parked) {
            exchange.setRouteStop(true);
            metrics.notAnswered(turn.chatbot(), Turn.NotAnswered.processing_failed, Math.max(1, turn.inboundMessageIds().size()));
            if (turn.burst().isEmpty()) { // stored now if it failed before it was (or that was rolled back), so it is not lost
                conversations.storeInbound(turn.chatbot(), null, turn.inbound(), LoadConversationContext.messageType(turn.inbound()),
                        turn.inbound().text(), Turn.NotAnswered.processing_failed.name(), Map.of());
            } else {
                conversations.markNotAnswered(turn.inboundMessageIds(), Turn.NotAnswered.processing_failed);
            }
            var bot = turn.chatbot();
            producer.sendBody("direct:alert", new Alert(bot == null ? null : bot.organizationId(), bot == null ? null : bot.id(),
                    Alert.Reason.MESSAGE_PARKED, Alert.Severity.ERROR, "A customer message could not be processed after "
                            + turn.attempts() + " attempts and was parked; the hub's log has the cause under its wamid",
                    Map.of("wamid", String.valueOf(turn.inbound().wamid()), "attempts", turn.attempts()),
                    "parked:" + (bot == null ? "unknown" : bot.id())));
        }
    }
}
