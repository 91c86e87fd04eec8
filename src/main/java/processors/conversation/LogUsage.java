package processors.conversation;

import hub.conversation.ConversationRepository.Usage;
import hub.conversation.CostCalculator;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecution;
import hub.conversation.Turn;
import hub.metrics.BusinessMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Bills a delivered agent answer: one usage_logs row per answered message (the database keeps the
 * billing period's summary), with tokens, LLM and tool calls and the estimated cost, written with the turn's outcome
 * ({@link CompleteTurn}). A fallback text sent because the LLM failed is not an answer and is not billed.
 */
@Component
public record LogUsage(CostCalculator costs, BusinessMetrics metrics) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        LlmResult llm = turn.llm();
        if (llm.failed()) {
            return;
        }
        int in = llm.tokensInput();
        int out = llm.tokensOutput();
        int toolCalls = (int) llm.toolExecutions().stream().filter(ToolExecution::executed).count();
        double cost = costs.cost(llm.provider(), llm.model(), (long) in + out);
        turn.usage(new Usage(in, out, llm.llmCalls(), toolCalls, llm.model(), llm.provider(), cost));
        metrics.usage(turn.chatbot(), llm.provider(), llm.model(), in, out, cost);
    }
}
