package hub.tools;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.conversation.ToolSpec;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs the LLM's tool calls through {@code direct:tool-dispatch}, the content-based router by tool type,
 * on behalf of one chatbot. Whatever happens, the call becomes a {@link ToolExecution}: a tool's error is
 * the tool's result for the LLM, never an exception in the loop.
 */
@Component
public class ToolDispatcher {

    public static final String TOOL_NAME = "hubToolName";
    public static final String TOOL_TYPE = "hubToolType";
    public static final String TOOL_CONFIG = "hubToolConfig";
    public static final String CHATBOT_ID = "hubChatbotId";

    private final ProducerTemplate producer;
    private final ObjectMapper mapper;

    public ToolDispatcher(ProducerTemplate producer, ObjectMapper mapper) {
        this.producer = producer;
        this.mapper = mapper;
    }

    public ToolExecutor forChatbot(UUID chatbotId) {
        return (tool, arguments, iteration) -> execute(chatbotId, tool, arguments, iteration);
    }

    ToolExecution execute(UUID chatbotId, ToolSpec tool, Map<String, Object> arguments, int iteration) {
        long start = System.nanoTime();
        Map<String, Object> headers = new HashMap<>();
        headers.put(TOOL_NAME, tool.name());
        headers.put(TOOL_TYPE, tool.type());
        headers.put(TOOL_CONFIG, tool.config() == null ? Map.of() : tool.config());
        headers.put(CHATBOT_ID, chatbotId);
        String result;
        String status;
        String error = null;
        try {
            result = producer.requestBodyAndHeaders("direct:tool-dispatch", arguments == null ? Map.of() : arguments,
                    headers, String.class);
            status = failed(result) ? "failed" : "success";
            if (status.equals("failed")) {
                error = errorOf(result);
            }
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            boolean timeout = cause instanceof java.net.http.HttpTimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException;
            status = timeout ? "timeout" : "failed";
            error = timeout ? "Tool '" + tool.name() + "' timed out" : cause.getMessage();
            result = json(Map.of("error", error == null ? cause.getClass().getSimpleName() : error));
        }
        return new ToolExecution(tool.name(), tool.type(), tool.integrationId(), arguments == null ? Map.of() : arguments,
                result, status, error, (System.nanoTime() - start) / 1_000_000, iteration);
    }

    /** A tool failed when its result has an error, or says success:false (also with HTTP 200). */
    private boolean failed(String result) {
        JsonNode node = parse(result);
        return node != null && node.isObject()
                && (node.hasNonNull("error") || (node.has("success") && !node.get("success").asBoolean(true)));
    }

    private String errorOf(String result) {
        JsonNode node = parse(result);
        if (node != null && node.hasNonNull("error")) {
            return node.get("error").isTextual() ? node.get("error").asText() : node.get("error").toString();
        }
        return node != null && node.hasNonNull("message") ? node.get("message").asText() : "the tool reported a failure";
    }

    private JsonNode parse(String result) {
        try {
            return result == null ? null : mapper.readTree(result);
        } catch (Exception e) {
            return null;
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
