package processors.conversation;

import hub.config.HubProperties;
import hub.conversation.ConversationRepository;
import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads the chatbot's enabled tools and the conversation's last messages for a message the agent answers now, in
 * the transaction that took the message (so the read costs no commit of its own).
 */
@Component
public record ReadConversation(ConversationRepository conversations, HubProperties hub) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        turn.conversation(conversations.agentInputs(turn.chatbot().id(), turn.customer().contactId(), turn.inboundMessageIds(),
                hub.conversation().historySize()));
    }
}
