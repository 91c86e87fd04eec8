package processors.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hub.config.HubProperties;
import hub.conversation.ConversationRepository;
import hub.conversation.ConversationRepository.ChatbotContext;
import hub.conversation.ConversationRepository.WaitingMessage;
import hub.conversation.Customer;
import hub.conversation.InboundMessage;
import hub.conversation.Turn;
import hub.conversation.Worker;
import hub.metrics.BusinessMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The burst sweep: takes the conversations whose burst is due (the latest waiting message is a
 * {@code hub.conversation.burst-window} old, no burst of theirs is being answered) with all their waiting
 * messages under one lease, and makes one {@link Turn} of each: the last message is the turn's own, the
 * others come before it in order. The body becomes the turns. Messages left waiting by a stopped run are
 * found here after the restart.
 */
@Component
public class ClaimDueBursts implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ClaimDueBursts.class);
    private static final int CONVERSATIONS_PER_SWEEP = 50;

    private final ConversationRepository conversations;
    private final TransactionTemplate transaction;
    private final HubProperties.Conversation settings;
    private final String sweeper;
    private final BusinessMetrics metrics;

    public ClaimDueBursts(ConversationRepository conversations, TransactionTemplate transaction, Worker worker,
                          HubProperties hub, BusinessMetrics metrics) {
        this.conversations = conversations;
        this.transaction = transaction;
        this.metrics = metrics;
        this.settings = hub.conversation();
        // not the consumers' own name: a redelivery reaching a consumer must not take a burst being answered
        this.sweeper = worker.id() + ":bursts";
    }

    /** The body: how many turns can be queued now (bursts taken beyond it would wait, or fail, holding their lease). */
    @Override
    public void process(Exchange exchange) {
        int room = Math.min(CONVERSATIONS_PER_SWEEP, exchange.getIn().getBody(Integer.class));
        List<WaitingMessage> taken = room <= 0 ? List.of() : transaction.execute(status ->
                conversations.takeDueBursts(sweeper, settings.lease(), room));
        Map<UUID, List<WaitingMessage>> byConversation = new LinkedHashMap<>();
        for (WaitingMessage message : taken) {
            byConversation.computeIfAbsent(message.contactId(), c -> new ArrayList<>()).add(message);
        }
        Map<String, ChatbotContext> chatbots = new HashMap<>();
        List<Turn> turns = new ArrayList<>();
        for (List<WaitingMessage> burst : byConversation.values()) {
            WaitingMessage last = burst.get(burst.size() - 1);
            ChatbotContext context = chatbots.computeIfAbsent(last.phoneNumberId(),
                    id -> conversations.chatbotContext(id).orElse(null));
            Turn turn = turn(burst, context);
            if (context == null) {
                log.warn("The chatbot of phone number {} is gone; its burst ending with {} is not answered",
                        last.phoneNumberId(), last.wamid());
                conversations.complete(turn.webhookEventIds(), "skipped", Turn.NotAnswered.unknown_number.name(), null,
                        null, null, null);
                conversations.markNotAnswered(turn.inboundMessageIds(), Turn.NotAnswered.unknown_number);
                metrics.notAnswered(null, Turn.NotAnswered.unknown_number, turn.inboundMessageIds().size());
                continue;
            }
            turns.add(turn);
        }
        exchange.getIn().setBody(turns);
    }

    private static Turn turn(List<WaitingMessage> burst, ChatbotContext context) {
        WaitingMessage last = burst.get(burst.size() - 1);
        boolean userIdOnly = last.fromUserId() != null && last.fromUserId().equals(last.sender());
        Turn turn = new Turn(new InboundMessage(last.wamid(), last.phoneNumberId(), userIdOnly ? null : last.sender(),
                last.fromUserId(), last.contactName(), last.timestamp(), last.type(), last.text(), null, null));
        turn.claimed(new ConversationRepository.Claim(last.webhookEventId(), true, "processing",
                burst.stream().mapToInt(WaitingMessage::attempts).max().orElse(1), null, context, null));
        if (context != null) {
            turn.context(context.chatbot(), new Customer(last.contactId(), last.sender(),
                    last.contactName() != null ? last.contactName() : "Unknown", last.variables(), last.tags()));
        }
        turn.inboundMessageId(last.inboundMessageId());
        turn.burst(burst.stream().map(m -> new Turn.BurstPart(m.webhookEventId(), m.inboundMessageId(), m.text())).toList());
        return turn;
    }
}
