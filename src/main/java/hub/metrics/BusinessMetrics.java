package hub.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import hub.conversation.Chatbot;
import hub.conversation.PendingReply;
import hub.conversation.ToolExecution;
import hub.conversation.Turn;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The business counters of {@code /actuator/prometheus}: customer messages and what became of them, billed tokens and
 * cost, LLM calls and tool calls. Organisations and chatbots are labelled by id (unique, and stable when renamed), models
 * by name, up to {@code hub.metrics.max-tag-values} values each ({@link BoundedTagValues}). README.md ("Metrics") lists
 * every name.
 */
@Component
public record BusinessMetrics(MeterRegistry registry) {

    public static final String ORGANIZATION = "organization";
    public static final String CHATBOT = "chatbot";
    public static final String MODEL = "model";
    /** The label value of a message no chatbot was found for, or of a provider or model not known. */
    static final String NONE = "none";

    private static final Set<String> DELIVERY_STATUSES = Set.of("sent", "delivered", "read", "failed");

    /** A customer message was stored; counted on its first attempt only, so a redelivery is not a second message. */
    public void messageReceived(Turn turn) {
        if (turn.attempts() <= 1) {
            Counter.builder("hub.messages.received").description("Customer messages received")
                    .tags(tenant(organizationOf(turn.chatbot()), idOf(turn.chatbot()))).register(registry).increment();
        }
    }

    /**
     * A turn is over: its messages were answered (the reply went out, from the agent or its error fallback) or not
     * answered with a reason. A burst counts each of its messages.
     */
    public void turnFinished(Turn turn) {
        int messages = Math.max(1, turn.inboundMessageIds().size());
        Chatbot bot = turn.chatbot();
        if (turn.deliveryError() != null) {
            notAnswered(bot, Turn.NotAnswered.delivery_failed, messages);
        } else if (turn.notAnswered() != null) {
            notAnswered(bot, turn.notAnswered(), messages);
        } else if (turn.delivered()) {
            answered(organizationOf(bot), idOf(bot), messages);
        }
    }

    /**
     * A reply whose send a crash cut is settled: it went out ({@code reason} null; its messages count as answered when
     * it was the agent's answer) or it will not ({@code reason}).
     */
    public void replySettled(PendingReply reply, Turn.NotAnswered reason) {
        int messages = Math.max(1, reply.inboundMessageIds().size());
        if (reason != null) {
            notAnswered(reply.organizationId(), reply.chatbotId(), reason, messages);
        } else if (reply.history()) {
            answered(reply.organizationId(), reply.chatbotId(), messages);
        }
    }

    private void answered(UUID organizationId, UUID chatbotId, int messages) {
        Counter.builder("hub.messages.answered").description("Customer messages answered")
                .tags(tenant(organizationId, chatbotId)).register(registry).increment(messages);
    }

    public void notAnswered(Chatbot bot, Turn.NotAnswered reason, int messages) {
        notAnswered(organizationOf(bot), idOf(bot), reason, messages);
    }

    private void notAnswered(UUID organizationId, UUID chatbotId, Turn.NotAnswered reason, int messages) {
        Counter.builder("hub.messages.not.answered").description("Customer messages not answered, by reason")
                .tags(tenant(organizationId, chatbotId).and("reason", reason.name())).register(registry).increment(messages);
    }

    /** A billed answer: the tokens and estimated cost of its usage_logs row. */
    public void usage(Chatbot bot, String provider, String model, int tokensInput, int tokensOutput, double costUsd) {
        String organization = id(bot.organizationId());
        tokens(organization, provider, model, "input").increment(tokensInput);
        tokens(organization, provider, model, "output").increment(tokensOutput);
        Counter.builder("hub.usage.cost").baseUnit("usd").description("Estimated cost of billed answers")
                .tags(ORGANIZATION, organization, "provider", label(provider), MODEL, label(model))
                .register(registry).increment(costUsd);
    }

    /**
     * One call to an LLM provider and how it ended: {@code success}, {@code limit} (429, quota), {@code timeout},
     * {@code cancelled} (the message's time budget ran out, or the hub stopped) or {@code error}.
     */
    public void llmCall(String provider, String model, Duration took, String outcome) {
        Timer.builder("hub.llm.calls").description("Calls to LLM providers")
                .tags("provider", label(provider), MODEL, label(model), "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(took);
    }

    /** The tool calls of one agent answer, by kind (tool_type) and status (success, failed, timeout, skipped, not_executed). */
    public void toolCalls(List<ToolExecution> executions) {
        for (ToolExecution execution : executions) {
            Counter.builder("hub.tool.calls").description("Tool calls of the agent")
                    .tags("kind", label(execution.toolType()), "status", label(execution.status()))
                    .register(registry).increment();
        }
    }

    /** A status Meta reported for one of the hub's outbound messages. */
    public void deliveryStatus(String status) {
        Counter.builder("hub.whatsapp.statuses").description("Delivery statuses of outbound messages reported by Meta")
                .tag("status", DELIVERY_STATUSES.contains(status) ? status : "other")
                .register(registry).increment();
    }

    private Counter tokens(String organization, String provider, String model, String direction) {
        return Counter.builder("hub.usage.tokens").description("Tokens of billed answers")
                .tags(ORGANIZATION, organization, "provider", label(provider), MODEL, label(model), "direction", direction)
                .register(registry);
    }

    private static Tags tenant(UUID organizationId, UUID chatbotId) {
        return Tags.of(ORGANIZATION, id(organizationId), CHATBOT, id(chatbotId));
    }

    private static UUID organizationOf(Chatbot bot) {
        return bot == null ? null : bot.organizationId();
    }

    private static UUID idOf(Chatbot bot) {
        return bot == null ? null : bot.id();
    }

    private static String id(UUID id) {
        return id == null ? NONE : id.toString();
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
