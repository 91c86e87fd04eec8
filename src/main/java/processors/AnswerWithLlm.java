package processors;

import hub.conversation.LlmRequest;
import hub.conversation.Turn;
import hub.llm.LlmToolLoop;
import hub.tools.ToolDispatcher;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The LLM tool loop: the chatbot's model answers the message, calling tools through
 * {@code direct:tool-dispatch} as it needs them. Provider failures come back as the chatbot's fallback text.
 */
@Component
public class AnswerWithLlm implements Processor {

    private final LlmToolLoop llm;
    private final ToolDispatcher tools;

    public AnswerWithLlm(LlmToolLoop llm, ToolDispatcher tools) {
        this.llm = llm;
        this.tools = tools;
    }

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        turn.llm(llm.answer(new LlmRequest(turn.chatbot(), turn.customer(), turn.history(), userMessage(turn),
                turn.knowledge(), turn.tools()), tools.forConversation(turn.chatbot(), turn.customer())));
    }

    /** The text to answer; for media with a caption, the caption noting what was attached. */
    static String userMessage(Turn turn) {
        var message = turn.inbound();
        if (message.attachment() != null && !message.attachment().isNull()) {
            return "[" + message.type() + " attached] " + message.text();
        }
        return message.text();
    }
}
