package processors.conversation;

import hub.conversation.ConversationRepository;
import hub.conversation.PendingReply;
import hub.conversation.ReplySender;
import hub.conversation.Turn;
import hub.tenant.ContactRepository;
import hub.whatsapp.graph.GraphApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the reply (the agent's text or its buttons or list, the handoff text, or the automatic fallback/unsupported
 * text) through the Graph API,
 * which retries 429/5xx and breaks the circuit per number. The event is marked "sending" first, with the reply stored:
 * if the hub dies during the call, the message is not answered a second time after the restart; the stored reply is
 * proved sent by its status webhook, or sent again ({@link hub.conversation.UncertainReplies}). The same
 * statement checks the contact's conversation mode: when a human took the conversation over while the
 * reply was being prepared, nothing is sent and the message counts as not answered ({@code manual_mode}).
 */
@Component
public record SendReply(ReplySender replySender, ConversationRepository conversations,
                        ContactRepository contacts) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(SendReply.class);

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        if (turn.replyText() == null || turn.replyText().isBlank()) {
            return;
        }
        PendingReply reply = PendingReply.of(turn);
        // a handoff switched the conversation to a person itself: its text still goes out
        if (!(turn.handedOff() ? conversations.markSendingHandoff(reply) : conversations.markSending(reply))) {
            log.info("Reply to {} not sent: a human took the conversation over", turn.inbound().wamid());
            turn.notAnswered(Turn.NotAnswered.manual_mode, null);
            turn.inboundMessageIds().forEach(id -> contacts.markNotAnswered(id, Turn.NotAnswered.manual_mode.name()));
            return;
        }
        try {
            turn.delivered(replySender.send(reply, turn.chatbot().accessToken()));
        } catch (GraphApiException e) {
            log.warn("Reply to {} on {} not delivered: {}", turn.inbound().wamid(), turn.chatbot().phoneNumberId(), e.getMessage());
            turn.deliveryFailed(e.getMessage());
        }
    }
}
