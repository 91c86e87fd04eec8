package routes;

import hub.ExchangeKeys;
import hub.config.HubProperties;
import hub.conversation.BurstReleases;
import hub.conversation.InboundMessage;
import hub.conversation.Turn;
import hub.roles.RoleRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.stereotype.Component;
import processors.conversation.FailTurn;
import processors.kafka.CommitOffset;

/**
 * The conversation pipeline, one customer message at a time per conversation:
 * kafka:whatsapp.inbound → {@code take-message} (idempotent consumer and context enricher, one transaction) →
 * (throttled) customer's media read → LLM tool loop → send reply → the turn recorded in one transaction (history,
 * usage, tool executions, event completed).
 * Offsets are committed after a message is finished; a failure that outlives the retries leaves the
 * offset uncommitted, so the message comes back (bounded by the claim's attempts).
 * With bursts on, a text the agent answers waits in the database instead ({@code hold-for-burst}, its offset
 * committed), and {@code conversation-bursts} answers each due burst in one turn through the same stages.
 * A redelivered message whose reply a crash cut mid-send waits as uncertain for {@code uncertain-replies}.
 */
@Component
public class ConversationRoutes extends RouteBuilder {

    private static final Predicate HELD_FOR_BURST = e -> e.getIn().getBody(Turn.class).heldForBurst();
    private static final Predicate TO_ANSWER = e -> {
        Turn turn = e.getIn().getBody(Turn.class);
        return turn.claimed() && !turn.heldForBurst() && !turn.alreadyReplied();
    };
    private static final Predicate ANSWERED_BY_AGENT = e -> e.getIn().getBody(Turn.class).answeredByAgent();
    private static final Predicate HAS_ALERTS = e -> {
        var alerts = e.getProperty(ExchangeKeys.ALERTS, java.util.List.class);
        return alerts != null && !alerts.isEmpty();
    };

    private final HubProperties hub;
    private final FailTurn failTurn;
    private final BurstReleases burstReleases;

    public ConversationRoutes(HubProperties hub, FailTurn failTurn, BurstReleases burstReleases) {
        this.hub = hub;
        this.failTurn = failTurn;
        this.burstReleases = burstReleases;
    }

    @Override
    public void configure() {
        var settings = hub.conversation();
        errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(500).useExponentialBackOff()
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN));
        // in whichever of these routes the retries ran out: release the message for Kafka's redelivery,
        // or park it when it is out of attempts
        onException(Exception.class).onWhen(failTurn::parks)
                .handled(true)
                .process(failTurn).id("park-turn")
                .process("commitOffset").id("commit-parked-offset");
        onException(Exception.class)
                .process(failTurn).id("release-turn");

        from("kafka:{{hub.kafka.topics.inbound:whatsapp.inbound}}?groupId=hub-conversation&autoOffsetReset=earliest"
                + CommitOffset.CONSUMER_OPTIONS + "&breakOnFirstError=true&maxPollRecords=50&consumersCount=" + settings.consumers())
                .routeId("conversation")
                .unmarshal().json(InboundMessage.class)
                .to("direct:take-message")
                .choice()
                    .when(HELD_FOR_BURST).process("markRead").id("mark-held-read")
                    .when(TO_ANSWER).to("direct:answer-turn")
                .end()
                .to("direct:turn-alerts")
                .process("commitOffset").id("commit-offset");

        from("direct:answer-turn").routeId("answer-turn")
                .choice()
                    .when(ANSWERED_BY_AGENT).to("direct:agent-answer")
                    .otherwise().to("direct:automatic-reply")
                .end()
                .process("recordTurn").id("record-turn");

        from("direct:turn-alerts").routeId("turn-alerts")
                .filter(HAS_ALERTS)
                    .split(exchangeProperty(ExchangeKeys.ALERTS)).to("direct:alert").end()
                .end();

        // bursts: due ones are taken every quarter of the window (50–500 ms) and answered in parallel, one turn each
        boolean bursts = settings.burstsOn();
        long sweepMillis = Math.max(50, Math.min(500, settings.burstWindow().toMillis() / 4));
        // only as many as the queue has room for: during an outage the turns slow down and the rest stay due in the database
        int turnConsumers = settings.maxConcurrentLlmCallsPerChatbot();
        String burstTurns = "seda:burst-turns?size=" + 4 * turnConsumers + "&concurrentConsumers=" + turnConsumers;
        from("timer:conversation-bursts?delay=1000&period=" + sweepMillis).routeId("conversation-bursts")
                .autoStartup(bursts)
                .process(e -> burstReleases.retryWaiting()).id("release-failed-bursts")
                .process(e -> e.getIn().setBody(e.getContext().getEndpoint(burstTurns, SedaEndpoint.class).getQueue()
                        .remainingCapacity())).id("room-for-burst-turns")
                .process("claimDueBursts").id("claim-due-bursts")
                .split(body())
                    .to(burstTurns)
                .end();

        from(burstTurns)
                .routeId("burst-turn")
                .autoStartup(bursts)
                .process(this::startBurstTurn).id("start-burst-turn")
                .to("direct:answer-turn")
                .to("direct:turn-alerts");

        // replies whose send a crash cut: proved sent by their status webhook, or sent again when due
        from("timer:uncertain-replies?delay=5000&period=2000").routeId("uncertain-replies")
                .autoStartup(settings.settleUncertainReplies())
                .process("resolveUncertainReplies").id("resolve-uncertain-replies");

        from("direct:agent-answer").routeId("agent-answer")
                .throttle(settings.maxConcurrentLlmCalls()).concurrentRequestsMode().id("throttle-llm-total")
                .throttle(settings.maxConcurrentLlmCallsPerChatbot()).concurrentRequestsMode()
                    .correlationExpression(header(ExchangeKeys.CHATBOT_ID)).id("throttle-llm-per-chatbot")
                .process("markRead").id("mark-read")
                .process("readCustomerMedia").id("read-customer-media")
                .filter(ANSWERED_BY_AGENT)
                    .process("prepareAgentInputs").id("prepare-agent-inputs")
                    .process("answerWithLlm").id("llm-tool-loop")
                .end()
                .to("direct:send-reply");

        // fallback and unsupported-message texts go out without the agent and are not billed
        from("direct:automatic-reply").routeId("automatic-reply")
                .filter(e -> e.getIn().getBody(Turn.class).automaticReply() != null)
                    .to("direct:send-reply")
                .end();

        from("direct:send-reply").routeId("send-reply")
                .process("sendReply").id("send-whatsapp-reply");
        RoleRoutes.assign(this, HubProperties.Role.CONVERSATION);
    }

    private void startBurstTurn(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        exchange.getIn().setHeader(ExchangeKeys.CHATBOT_ID, turn.chatbot().id().toString());
        exchange.setProperty(ExchangeKeys.ALERTS, new java.util.ArrayList<>());
    }

}
