package processors.conversation;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import hub.config.HubProperties;
import hub.conversation.CustomerMedia;
import hub.conversation.InboundMessage;
import hub.conversation.InteractiveReply;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecution;
import hub.conversation.Turn;
import hub.conversation.TurnBudget;
import hub.llm.LlmToolLoop;
import hub.tools.AgentTools;
import hub.tools.ToolDispatcher;
import hub.tools.ToolKind;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import processors.tools.HandoffToHuman;

/**
 * The LLM tool loop: the chatbot's model answers the message, calling tools through
 * {@code direct:tool-dispatch} as it needs them, within the message's budget: {@code hub.tools.max-calls-per-turn}
 * tool calls and {@code hub.conversation.turn-timeout} from the moment the message was taken from the topic.
 * Provider failures come back as the chatbot's fallback text; a message out of time gets the error fallback
 * and is recorded as not answered ({@code turn_timeout}).
 */
@Component
public record AnswerWithLlm(LlmToolLoop llm, ToolDispatcher tools, HubProperties hub,
                            ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Turn turn = exchange.getIn().getBody(Turn.class);
        LlmResult result = llm.answer(new LlmRequest(turn.chatbot(), turn.customer(), turn.history(), userMessage(turn),
                        turn.knowledge(), turn.tools(), image(turn)), tools.forConversation(turn.chatbot(), turn.customer()),
                TurnBudget.from(turn.startedNanos(), hub));
        if (result.outOfTime()) {
            turn.notAnswered(Turn.NotAnswered.turn_timeout, result.reply());
        }
        turn.llm(result);
        if (!result.failed() && !result.outOfTime()) {
            replyFromTools(turn, result.toolExecutions());
        }
    }

    /**
     * A handoff to a person makes the chatbot's handoff text the reply; else the last buttons or list the agent
     * sent are its reply instead of its text.
     */
    private void replyFromTools(Turn turn, List<ToolExecution> executions) {
        for (ToolExecution execution : executions) {
            if ("success".equals(execution.status()) && ToolKind.BUILTIN.value().equals(execution.toolType())
                    && AgentTools.HANDOFF_TO_HUMAN.equals(execution.toolName())) {
                JsonNode told = parse(execution.result()).path(HandoffToHuman.CUSTOMER_MESSAGE);
                if (told.isTextual() && !told.asText().isBlank()) {
                    turn.handedOff(told.asText());
                    return;
                }
            }
        }
        InteractiveReply.lastSent(executions).ifPresent(turn::replyWith);
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? mapper.missingNode() : mapper.readTree(json);
        } catch (java.io.IOException e) {
            return mapper.missingNode();
        }
    }

    /**
     * The text to answer: a burst's messages, one a line; a voice note's transcript; an image's caption (the image
     * itself goes as image content); a document's text with its caption; for media the agent cannot see, the caption
     * noting what was attached; a chosen button or list row: its title with its id.
     */
    static String userMessage(Turn turn) {
        if (!turn.burst().isEmpty()) {
            return turn.textToAnswer();
        }
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
        String chosen = chosenId(message);
        return chosen == null ? message.text() : message.text() + " [chosen option id: " + chosen + "]";
    }

    /** The id of the button or list row the customer chose (a template's quick reply: its payload), or null. */
    private static String chosenId(InboundMessage message) {
        JsonNode raw = message.raw();
        if (raw == null || message.type() == null) {
            return null;
        }
        JsonNode id = switch (message.type()) {
            case "interactive" -> raw.path("interactive").path("button_reply").path("id").isTextual()
                    ? raw.path("interactive").path("button_reply").path("id") : raw.path("interactive").path("list_reply").path("id");
            case "button" -> raw.path("button").path("payload");
            default -> null;
        };
        return id != null && id.isTextual() && !id.asText().isBlank() && !id.asText().equals(message.text()) ? id.asText() : null;
    }

    private static CustomerMedia.Image image(Turn turn) {
        return turn.media() instanceof CustomerMedia.Image image ? image : null;
    }
}
