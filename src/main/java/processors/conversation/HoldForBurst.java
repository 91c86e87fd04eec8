package processors.conversation;

import hub.conversation.ConversationRepository;
import hub.conversation.MediaUse;
import hub.conversation.Turn;
import hub.conversation.Worker;
import hub.config.HubProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * With bursts on, a text the agent will answer is not answered at once: it waits in the database for the
 * rest of the customer's burst (due {@code hub.conversation.burst-window} after the conversation's latest
 * message) and {@code conversation-bursts} answers the burst in one turn. The customer sees it read, with the
 * typing indicator, at once. Media the agent reads and messages it does not answer go on alone, as without bursts.
 */
@Component
public record HoldForBurst(ConversationRepository conversations, Worker worker, HubProperties hub) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(HoldForBurst.class);

    /** Whether the message waits for its burst. */
    public boolean holds(Exchange exchange) {
        return holds(exchange.getIn().getBody(Turn.class));
    }

    public boolean holds(Turn turn) {
        return hub.conversation().burstsOn() && turn.answeredByAgent() && turn.mediaUse() == MediaUse.NONE
                && (turn.inbound().attachment() == null || turn.inbound().attachment().isNull());
    }

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        if (!conversations.holdForBurst(turn.webhookEventId(), turn.customer().contactId(), turn.chatbot(),
                hub.conversation().burstWindow(), worker.id())) {
            log.info("Message {} was taken over by another worker before it could wait for its burst", turn.inbound().wamid());
        }
        turn.heldForBurst(true);
    }
}
