package processors.conversation;

import hub.conversation.ConversationRepository;
import hub.conversation.Turn;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Records every tool call of the answer in tool_executions, with arguments, result, status and timing. */
@Component
public record RecordToolExecutions(ConversationRepository conversations) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        if (turn.llm() != null && !turn.llm().toolExecutions().isEmpty()) {
            conversations.recordToolExecutions(turn, turn.llm().toolExecutions());
        }
    }
}
