package processors.conversation;

import java.time.Duration;

import hub.config.HubProperties;
import hub.conversation.CustomerMedia;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.Turn;
import hub.conversation.TurnBudget;
import hub.llm.LlmToolLoop;
import hub.tools.ToolDispatcher;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The LLM tool loop: the chatbot's model answers the message, calling tools through
 * {@code direct:tool-dispatch} as it needs them, within the message's budget: {@code hub.tools.max-calls-per-turn}
 * tool calls and {@code hub.conversation.turn-timeout} from the moment the message was taken from the topic.
 * Provider failures come back as the chatbot's fallback text; a message out of time gets the error fallback
 * and is recorded as not answered ({@code turn_timeout}).
 */
@Component
public class AnswerWithLlm implements Processor {

    private final LlmToolLoop llm;
    private final ToolDispatcher tools;
    private final Duration turnTimeout;
    private final int maxToolCalls;

    public AnswerWithLlm(LlmToolLoop llm, ToolDispatcher tools, HubProperties hub) {
        this.llm = llm;
        this.tools = tools;
        this.turnTimeout = hub.conversation().turnTimeout();
        this.maxToolCalls = hub.tools().maxCallsPerTurn();
    }

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        LlmResult result = llm.answer(new LlmRequest(turn.chatbot(), turn.customer(), turn.history(), userMessage(turn),
                        turn.knowledge(), turn.tools(), image(turn)), tools.forConversation(turn.chatbot(), turn.customer()),
                TurnBudget.from(turn.startedNanos(), turnTimeout, maxToolCalls));
        if (result.outOfTime()) {
            turn.notAnswered(Turn.NotAnswered.turn_timeout, result.reply());
        }
        turn.llm(result);
    }

    /**
     * The text to answer: a voice note's transcript; an image's caption (the image itself goes as image content);
     * a document's text with its caption; for media the agent cannot see, the caption noting what was attached.
     */
    static String userMessage(Turn turn) {
        var message = turn.inbound();
        String caption = message.text() == null ? "" : message.text();
        CustomerMedia media = turn.media();
        if (media instanceof CustomerMedia.Transcript transcript) {
            return "[voice note, transcribed] " + transcript.text();
        }
        if (media instanceof CustomerMedia.Image) {
            return ("[image attached] " + caption).strip();
        }
        if (media instanceof CustomerMedia.Document document) {
            return "[document" + (document.fileName() == null ? "" : " \"" + document.fileName() + "\"")
                    + " attached; its text follows]\n" + document.text()
                    + (document.cut() ? "\n[the rest of the document was cut]" : "") + "\n[end of document]\n" + caption;
        }
        if (message.attachment() != null && !message.attachment().isNull()) {
            return "[" + message.type() + " attached, which you cannot see] " + caption;
        }
        return message.text();
    }

    private static CustomerMedia.Image image(Turn turn) {
        return turn.media() instanceof CustomerMedia.Image image ? image : null;
    }
}
