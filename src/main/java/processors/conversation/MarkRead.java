package processors.conversation;

import hub.config.HubProperties;
import hub.conversation.Turn;
import hub.security.SecretCipher;
import hub.whatsapp.graph.GraphApiClient;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Marks the customer's message read and shows the typing indicator while the agent thinks (best effort). */
@Component
public record MarkRead(GraphApiClient graph, HubProperties hub, SecretCipher cipher) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        var settings = hub.conversation();
        if (settings.markRead() && turn.burst().isEmpty()) { // a burst's messages were marked as they arrived
            graph.markReadWithTyping(turn.chatbot().phoneNumberId(), cipher.decrypt(turn.chatbot().accessToken()), turn.inbound().wamid(),
                    settings.typingIndicator());
        }
    }
}
