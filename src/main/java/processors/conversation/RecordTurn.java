package processors.conversation;

import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a finished turn at once: for a delivered agent answer the reply ({@link SaveHistory}), its usage
 * ({@link LogUsage}) and its tool executions ({@link RecordToolExecutions}), and the outcome of its webhook events
 * ({@link CompleteTurn}). The reply and the bill go out with the outcome in one statement, so the common answer (one
 * message, no tool call) needs no transaction; the others are written in one, and a failure rolls all of it back and
 * the retry records it whole.
 */
@Component
public record RecordTurn(TransactionTemplate transaction, SaveHistory saveHistory, LogUsage logUsage,
                         RecordToolExecutions recordToolExecutions, CompleteTurn completeTurn) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        // the agent's reply, or the fallback sent when the agent failed or ran out of time, with the tool calls made
        boolean deliveredAgentAnswer = turn.llm() != null && turn.delivered();
        if (deliveredAgentAnswer) {
            saveHistory.process(exchange);
            logUsage.process(exchange);
        }
        boolean oneStatement = deliveredAgentAnswer && turn.notAnswered() == null && turn.burst().size() <= 1
                && turn.llm().toolExecutions().isEmpty();
        if (oneStatement) {
            completeTurn.process(exchange);
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (deliveredAgentAnswer) {
                recordToolExecutions.process(exchange);
            }
            completeTurn.process(exchange);
        });
    }
}
