package routes;

import hub.ExchangeKeys;
import hub.config.HubProperties;
import hub.conversation.ConversationRepository;
import hub.conversation.InboundMessage;
import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.conversation.AnswerWithLlm;
import processors.conversation.ClaimMessage;
import processors.kafka.CommitOffset;
import processors.conversation.CompleteTurn;
import processors.conversation.FailTurn;
import processors.conversation.LoadConversationContext;
import processors.conversation.LogUsage;
import processors.conversation.MarkRead;
import processors.conversation.PrepareAgentInputs;
import processors.conversation.ReadCustomerMedia;
import processors.conversation.RecordToolExecutions;
import processors.conversation.SaveHistory;
import processors.conversation.SendReply;

/**
 * The conversation pipeline, one customer message at a time per conversation:
 * kafka:whatsapp.inbound → idempotent consumer → context enricher → (throttled) customer's media read → LLM tool loop →
 * send reply → parallel fan-out (history, usage, tool executions) → event completed.
 * Offsets are committed after a message is finished; a failure that outlives the retries leaves the
 * offset uncommitted, so the message comes back (bounded by the claim's attempts).
 */
@Component
public class ConversationRoutes extends RouteBuilder {

    private static final Predicate CLAIMED = e -> e.getIn().getBody(Turn.class).claimed();
    private static final Predicate ALREADY_REPLIED = e -> {
        String before = e.getIn().getBody(Turn.class).replyStatusBefore();
        return "sent".equals(before) || "sending".equals(before);
    };
    private static final Predicate ANSWERED_BY_AGENT = e -> e.getIn().getBody(Turn.class).answeredByAgent();
    // the agent's reply, or the fallback sent when the agent failed or ran out of time, with the tool calls made
    private static final Predicate DELIVERED_AGENT_ANSWER = e -> {
        Turn turn = e.getIn().getBody(Turn.class);
        return turn.llm() != null && turn.delivered();
    };
    private static final Predicate HAS_ALERTS = e -> {
        var alerts = e.getProperty(ExchangeKeys.ALERTS, java.util.List.class);
        return alerts != null && !alerts.isEmpty();
    };

    private final HubProperties hub;
    private final ClaimMessage claimMessage;
    private final LoadConversationContext loadConversationContext;
    private final PrepareAgentInputs prepareAgentInputs;
    private final MarkRead markRead;
    private final ReadCustomerMedia readCustomerMedia;
    private final AnswerWithLlm answerWithLlm;
    private final SendReply sendReply;
    private final SaveHistory saveHistory;
    private final LogUsage logUsage;
    private final RecordToolExecutions recordToolExecutions;
    private final CompleteTurn completeTurn;
    private final ConversationRepository conversations;
    private final FailTurn failTurn;
    private final CommitOffset commitOffset;

    public ConversationRoutes(HubProperties hub, ClaimMessage claimMessage, LoadConversationContext loadConversationContext,
                              PrepareAgentInputs prepareAgentInputs, MarkRead markRead,
                              ReadCustomerMedia readCustomerMedia, AnswerWithLlm answerWithLlm,
                              SendReply sendReply, SaveHistory saveHistory, LogUsage logUsage,
                              RecordToolExecutions recordToolExecutions, CompleteTurn completeTurn,
                              ConversationRepository conversations, FailTurn failTurn, CommitOffset commitOffset) {
        this.hub = hub;
        this.claimMessage = claimMessage;
        this.loadConversationContext = loadConversationContext;
        this.prepareAgentInputs = prepareAgentInputs;
        this.markRead = markRead;
        this.readCustomerMedia = readCustomerMedia;
        this.answerWithLlm = answerWithLlm;
        this.sendReply = sendReply;
        this.saveHistory = saveHistory;
        this.logUsage = logUsage;
        this.recordToolExecutions = recordToolExecutions;
        this.completeTurn = completeTurn;
        this.conversations = conversations;
        this.failTurn = failTurn;
        this.commitOffset = commitOffset;
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
                .process(commitOffset).id("commit-parked-offset");
        onException(Exception.class)
                .process(failTurn).id("release-turn");

        from("kafka:{{hub.kafka.topics.inbound:whatsapp.inbound}}?groupId=hub-conversation&autoOffsetReset=earliest"
                + CommitOffset.CONSUMER_OPTIONS + "&breakOnFirstError=true&maxPollRecords=50&consumersCount=" + settings.consumers())
                .routeId("conversation")
                .autoStartup(settings.enabled())
                .unmarshal().json(InboundMessage.class)
                .process(claimMessage).id("idempotent-consumer")
                .filter(CLAIMED)
                    .choice()
                        .when(ALREADY_REPLIED)
                            .process(this::closeRedelivery).id("close-redelivery")
                        .otherwise()
                            .process(loadConversationContext).id("context-enricher")
                            .choice()
                                .when(ANSWERED_BY_AGENT).to("direct:agent-answer")
                                .otherwise().to("direct:automatic-reply")
                            .end()
                            .process(completeTurn).id("complete-turn")
                            .filter(HAS_ALERTS)
                                .split(exchangeProperty(ExchangeKeys.ALERTS)).to("direct:alert").end()
                            .end()
                    .end()
                .end()
                .process(commitOffset).id("commit-offset");

        from("direct:agent-answer").routeId("agent-answer")
                .throttle(settings.maxConcurrentLlmCalls()).concurrentRequestsMode().id("throttle-llm-total")
                .throttle(settings.maxConcurrentLlmCallsPerChatbot()).concurrentRequestsMode()
                    .correlationExpression(header(ExchangeKeys.CHATBOT_ID)).id("throttle-llm-per-chatbot")
                .process(markRead).id("mark-read")
                .process(readCustomerMedia).id("read-customer-media")
                .filter(ANSWERED_BY_AGENT)
                    .process(prepareAgentInputs).id("prepare-agent-inputs")
                    .process(answerWithLlm).id("llm-tool-loop")
                .end()
                .to("direct:send-reply")
                .filter(DELIVERED_AGENT_ANSWER)
                    .to("direct:reply-fan-out")
                .end();

        // fallback and unsupported-message texts go out without the agent and are not billed
        from("direct:automatic-reply").routeId("automatic-reply")
                .filter(e -> e.getIn().getBody(Turn.class).automaticReply() != null)
                    .to("direct:send-reply")
                .end();

        from("direct:send-reply").routeId("send-reply")
                .process(sendReply).id("send-whatsapp-reply");

        from("direct:reply-fan-out").routeId("reply-fan-out")
                .multicast().parallelProcessing().stopOnException()
                    .to("direct:save-history", "direct:log-usage", "direct:record-tool-executions")
                .end();

        from("direct:save-history").routeId("save-history").process(saveHistory);
        from("direct:log-usage").routeId("log-usage").process(logUsage);
        from("direct:record-tool-executions").routeId("record-tool-executions").process(recordToolExecutions);
    }

    /** A redelivery of a message whose reply went out (or may have): closed without answering again. */
    private void closeRedelivery(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        conversations.closeRedelivery(turn.webhookEventId());
    }
}
