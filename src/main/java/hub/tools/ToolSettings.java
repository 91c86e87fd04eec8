package hub.tools;

import java.util.List;
import java.util.Map;
import java.util.Set;

import hub.web.RequestBodies;

/**
 * The settings of an integration ({@code config}) and of a chatbot's use of it ({@code settings_override}) that the
 * hub builds the agent's tools from must have the type it reads: one stored value of another type would break the
 * chatbot's tool list and every answer of its agent. Other keys are the organisation's own and are kept as sent.
 */
public final class ToolSettings {

    private static final Set<String> TEXTS = Set.of("description", "llm_instructions", "route", "server_url");
    private static final String SCHEMA = "must be a JSON Schema of an object: {\"type\": \"object\", \"properties\": {...}}";

    private ToolSettings() {
    }

    /** Throws a 400 {@code invalid_field} naming the first setting of the wrong type ({@code field}.key). */
    public static void check(Map<String, Object> settings, String field) {
        settings.forEach((key, value) -> {
            String at = field + "." + key;
            if (value == null) {
                return;
            }
            if (TEXTS.contains(key) && !(value instanceof String)) {
                throw RequestBodies.invalid(at, "must be a string");
            }
            switch (key) {
                case "parameters" -> schema(value, at);
                case "enabled_tools" -> {
                    if (!(value instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
                        throw RequestBodies.invalid(at, "must be a list of tool names");
                    }
                }
                case "tools" -> {
                    if (!(value instanceof List<?> tools) || !tools.stream().allMatch(tool -> tool instanceof Map<?, ?> t
                            && t.get("name") instanceof String && (t.get("parameters") == null || isSchema(t.get("parameters"))))) {
                        throw RequestBodies.invalid(at, "must be a list of tools, each with a name and, if any, parameters "
                                + "that are a JSON Schema of an object");
                    }
                }
                default -> { }
            }
        });
    }

    private static void schema(Object value, String at) {
        if (!isSchema(value)) {
            throw RequestBodies.invalid(at, SCHEMA);
        }
    }

    private static boolean isSchema(Object value) {
        return value instanceof Map<?, ?> schema
                && (schema.get("type") == null || "object".equals(schema.get("type")))
                && (schema.get("properties") == null || schema.get("properties") instanceof Map)
                && (schema.get("required") == null
                    || schema.get("required") instanceof List<?> required && required.stream().allMatch(String.class::isInstance));
    }
}
