package processors.conversation;

import hub.config.HubProperties;
import hub.conversation.AnswerPolicy;
import hub.conversation.ConversationRepository;
import hub.conversation.InboundMessage;
import hub.conversation.Turn;
import hub.conversation.Worker;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;

/**
 * The idempotent consumer: claims the message's wamid in webhook_events for this worker. A message
 * already completed, or out of attempts, is not claimed; a redelivered message whose reply was already sent (or
 * may have been) is claimed only to be closed, never answered again. A message another live worker has claimed
 * fails as a lock not acquired: Kafka delivers it again (its offset is not committed) until that worker has
 * finished it or its lease has run out, and the conversation's later messages wait behind it. The body becomes the
 * {@link Turn}.
 */
@Component
public record ClaimMessage(ConversationRepository conversations, Worker worker, HubProperties hub) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ClaimMessage.class);

    @Override
    public void process(Exchange exchange) {
        var settings = hub.conversation();
        // a retry of the transaction starts again from the message: what the rolled-back attempt found is gone
        InboundMessage message = exchange.getIn().getBody() instanceof Turn rolledBack ? rolledBack.inbound()
                : exchange.getIn().getBody(InboundMessage.class);
        Turn turn = new Turn(message);
        if (message.wamid() == null || message.wamid().isBlank()) {
            log.warn("Inbound record without a wamid on phone number {} skipped", message.phoneNumberId());
        } else {
            var claim = conversations.claim(message, AnswerPolicy.sender(message), worker.id(), settings.lease(),
                    settings.maxAttempts());
            if (!claim.claimed() && "processing".equals(claim.status()) && claim.attempts() < settings.maxAttempts()) {
                // another worker has it in hand (a partition that moved, or an instance that died): the conversation's
                // later messages wait behind it on this partition, so its replies go out in order
                throw new CannotAcquireLockException("Message " + message.wamid() + " is in the hands of another worker "
                        + "until it is finished or its lease runs out; its conversation waits for it");
            }
            turn.claimed(claim);
            if (!claim.claimed()) {
                log.debug("Message {} not claimed: {} after {} attempt(s)", message.wamid(), claim.status(), claim.attempts());
            }
        }
        exchange.getIn().setBody(turn);
    }
}
