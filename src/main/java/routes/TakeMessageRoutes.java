package routes;

import hub.config.HubProperties;
import hub.conversation.ConversationRepository;
import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.conversation.HoldForBurst;

/**
 * A customer message taken in one transaction ({@link InOneTransaction}): the idempotent consumer's claim (with the
 * chatbot's context and the contact), the context enricher's budget and stored message (with, for a message the agent
 * answers now, its tools and history), or the message's wait for its burst. One commit, or none: a failure rolls all
 * of it back and goes back to {@code conversation}, whose error handler retries it and counts the attempt
 * ({@code FailTurn}).
 */
@Component
public class TakeMessageRoutes extends RouteBuilder {

    private static final Predicate CLAIMED = e -> e.getIn().getBody(Turn.class).claimed();
    private static final Predicate ALREADY_REPLIED = e -> e.getIn().getBody(Turn.class).alreadyReplied();

    private final HubProperties hub;
    private final ConversationRepository conversations;
    private final HoldForBurst holdForBurst;

    public TakeMessageRoutes(HubProperties hub, ConversationRepository conversations, HoldForBurst holdForBurst) {
        this.hub = hub;
        this.conversations = conversations;
        this.holdForBurst = holdForBurst;
    }

    @Override
    public void configure() {
        // errors are the caller's: it retries the whole transaction, not a step of one that was rolled back
        errorHandler(noErrorHandler());

        from("direct:take-message").routeId("take-message")
                .policy("inOneTransaction")
                .process("claimMessage").id("idempotent-consumer")
                .filter(CLAIMED)
                    .choice()
                        .when(ALREADY_REPLIED)
                            .process(this::closeRedelivery).id("close-redelivery")
                        .otherwise()
                            .process("loadConversationContext").id("context-enricher")
                            .filter(holdForBurst::holds).process(holdForBurst).id("hold-for-burst").end()
                    .end()
                .end();
    }

    /** A redelivery of a message whose reply went out (or may have): closed without answering again. */
    private void closeRedelivery(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        conversations.closeRedelivery(turn.webhookEventId(), hub.conversation().uncertainSendWait());
    }
}
