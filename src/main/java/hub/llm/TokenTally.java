package hub.llm;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.TokenUsage;

/** Tokens summed over every LLM call of one answer, estimated as max(chars/4, 1) when the provider reports none. */
final class TokenTally {

    private int input;
    private int output;

    void add(TokenUsage usage, List<ChatMessage> sent, AiMessage received) {
        input += usage != null && usage.inputTokenCount() != null
                ? usage.inputTokenCount() : estimate(sent.stream().mapToInt(TokenTally::chars).sum());
        output += usage != null && usage.outputTokenCount() != null
                ? usage.outputTokenCount() : estimate(chars(received));
    }

    int input() {
        return input;
    }

    int output() {
        return output;
    }

    static int estimate(int chars) {
        return Math.max(chars / 4, 1);
    }

    private static int chars(ChatMessage message) {
        if (message instanceof SystemMessage m) {
            return m.text().length();
        }
        if (message instanceof UserMessage m) {
            return m.hasSingleText() ? m.singleText().length() : 0;
        }
        if (message instanceof ToolExecutionResultMessage m) {
            return m.text() == null ? 0 : m.text().length();
        }
        if (message instanceof AiMessage m) {
            int chars = m.text() == null ? 0 : m.text().length();
            for (ToolExecutionRequest call : m.toolExecutionRequests()) {
                chars += call.name().length() + (call.arguments() == null ? 0 : call.arguments().length());
            }
            return chars;
        }
        return 0;
    }
}
