package processors.conversation;

import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a finished turn in one transaction: for a delivered agent answer the reply ({@link SaveHistory}), its usage
 * ({@link LogUsage}) and its tool executions ({@link RecordToolExecutions}), then the outcome of its webhook events
 * ({@link CompleteTurn}). One commit instead of four; a failure rolls all of it back and the retry records it whole.
 */
@Component
public record RecordTurn(TransactionTemplate transaction, SaveHistory saveHistory, LogUsage logUsage,
                         RecordToolExecutions recordToolExecutions, CompleteTurn completeTurn) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        // the agent's reply, or the fallback sent when the agent failed or ran out of time, with the tool calls made
        boolean deliveredAgentAnswer = turn.llm() != null && turn.delivered();
        transaction.executeWithoutResult(status -> {
            if (deliveredAgentAnswer) {
                saveHistory.process(exchange);
                logUsage.process(exchange);
                recordToolExecutions.process(exchange);
            }
            completeTurn.process(exchange);
        });
    }
}
