package processors.conversation;

import hub.conversation.ConversationRepository;
import hub.conversation.Turn;
import hub.security.SecretCipher;
import hub.tenant.ContactRepository;
import hub.whatsapp.graph.GraphApiClient;
import hub.whatsapp.graph.GraphApiException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the reply (the agent's text or its buttons or list, the handoff text, or the automatic fallback/unsupported
 * text) through the Graph API,
 * which retries 429/5xx and breaks the circuit per number. The event is marked "sending" first: if
 * the hub dies during the call, the message is not answered a second time after the restart. The same
 * statement checks the contact's conversation mode: when a human took the conversation over while the
 * reply was being prepared, nothing is sent and the message counts as not answered ({@code manual_mode}).
 */
@Component
public class SendReply implements Processor {

    private static final Logger log = LoggerFactory.getLogger(SendReply.class);

    private final GraphApiClient graph;
    private final ConversationRepository conversations;
    private final ContactRepository contacts;
    private final SecretCipher cipher;

    public SendReply(GraphApiClient graph, ConversationRepository conversations, ContactRepository contacts,
                     SecretCipher cipher) {
        this.graph = graph;
        this.conversations = conversations;
        this.contacts = contacts;
        this.cipher = cipher;
    }

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        if (turn.replyText() == null || turn.replyText().isBlank()) {
            return;
        }
        // a handoff switched the conversation to a person itself: its text still goes out
        if (!(turn.handedOff() ? conversations.markSendingHandoff(turn.webhookEventIds())
                : conversations.markSending(turn.webhookEventIds(), turn.customer().contactId()))) {
            log.info("Reply to {} not sent: a human took the conversation over", turn.inbound().wamid());
            turn.notAnswered(Turn.NotAnswered.manual_mode, null);
            turn.inboundMessageIds().forEach(id -> contacts.markNotAnswered(id, Turn.NotAnswered.manual_mode.name()));
            return;
        }
        try {
            var bot = turn.chatbot();
            String token = cipher.decrypt(bot.accessToken());
            turn.delivered((turn.interactive() != null
                    ? graph.sendInteractive(bot.phoneNumberId(), token, turn.customer().phone(), turn.interactive().payload(),
                            turn.inbound().wamid())
                    : graph.sendText(bot.phoneNumberId(), token, turn.customer().phone(), turn.replyText(),
                            turn.inbound().wamid())).wamids());
        } catch (GraphApiException e) {
            log.warn("Reply to {} on {} not delivered: {}", turn.inbound().wamid(), turn.chatbot().phoneNumberId(), e.getMessage());
            turn.deliveryFailed(e.getMessage());
        }
    }
}
