package hub.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import hub.StorableText;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.conversation.ToolSpec;

/** Runs the tool calls the model asked for and renders each outcome as the text the model reads back. */
final class ToolCallRunner {

    /** The recorded type of a call to a tool the chatbot does not have. */
    static final String UNKNOWN_TYPE = "unknown";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ToolExecutor executor;
    private final Map<String, ToolSpec> toolsByName = new LinkedHashMap<>();

    ToolCallRunner(ObjectMapper json, ToolExecutor executor, List<ToolSpec> tools) {
        this.json = json;
        this.executor = executor;
        if (tools != null) {
            tools.forEach(tool -> toolsByName.putIfAbsent(ToolSchemas.functionName(tool.name()), tool));
        }
    }

    ToolExecution run(ToolExecutionRequest call, int iteration) {
        Map<String, Object> arguments = arguments(call.arguments());
        ToolSpec tool = toolsByName.get(call.name());
        if (tool == null) {
            String name = StorableText.of(call.name());
            return failed(name, UNKNOWN_TYPE, arguments, "Tool '" + name + "' not found", iteration);
        }
        try {
            ToolExecution execution = executor.execute(tool, arguments, iteration);
            return execution != null ? storable(execution)
                    : failed(call.name(), tool.type(), arguments, "Tool '" + call.name() + "' returned nothing", iteration);
        } catch (RuntimeException e) {
            // the executor contract says it never throws; a bug there must not cost the customer the answer
            return failed(call.name(), tool.type(), arguments, ErrorClassifier.describe(e), iteration);
        }
    }

    /** A call the model asked for that did not finish: {@code status} skipped (over the budget) or timeout (out of time). */
    ToolExecution notRun(ToolExecutionRequest call, int iteration, String status, String error, long durationMs) {
        ToolSpec tool = toolsByName.get(call.name());
        return new ToolExecution(StorableText.of(call.name()), tool == null ? UNKNOWN_TYPE : tool.type(),
                tool == null ? null : tool.integrationId(),
                arguments(call.arguments()), errorJson(error), status, error, durationMs, iteration);
    }

    /** What the model is told: the tool's result, or {"error": ...} when a failed tool produced none. */
    String resultForModel(ToolExecution execution) {
        if (execution.result() != null && !execution.result().isBlank()) {
            return execution.result();
        }
        if (execution.errorMessage() != null) {
            return errorJson(execution.errorMessage());
        }
        return "{}";
    }

    /** The model's JSON arguments; anything unparsable or not an object becomes an empty map (S2.10). */
    Map<String, Object> arguments(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            JsonNode node = json.readTree(StorableText.json(text));
            return node != null && node.isObject() ? json.convertValue(node, MAP) : new LinkedHashMap<>();
        } catch (Exception e) {
            return new LinkedHashMap<>();
        }
    }

    /** The tool server's answer as the model reads it and the turn stores it. */
    private static ToolExecution storable(ToolExecution e) {
        String result = StorableText.json(e.result());
        String error = StorableText.of(e.errorMessage());
        return result == e.result() && error == e.errorMessage() ? e : new ToolExecution(e.toolName(), e.toolType(),
                e.integrationId(), e.arguments(), result, e.status(), error, e.durationMs(), e.iteration());
    }

    private ToolExecution failed(String name, String type, Map<String, Object> arguments, String error, int iteration) {
        return new ToolExecution(name, type, null, arguments, errorJson(error), "failed", error, 0, iteration);
    }

    private String errorJson(String error) {
        return json.createObjectNode().put("error", error).toString();
    }
}
