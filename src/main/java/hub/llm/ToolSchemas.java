package hub.llm;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import hub.conversation.ToolSpec;

/**
 * Turns a hub tool into the function declaration offered to the model: name, description and the
 * parameters' JSON schema only (never the integration's config or credentials).
 */
public final class ToolSchemas {

    private ToolSchemas() {
    }

    /** One declaration per function name (providers reject duplicates); the first tool of a name wins. */
    public static List<ToolSpecification> specifications(List<ToolSpec> tools) {
        if (tools == null) {
            return List.of();
        }
        Map<String, ToolSpecification> byName = new LinkedHashMap<>();
        for (ToolSpec tool : tools) {
            byName.putIfAbsent(functionName(tool.name()), specification(tool));
        }
        return List.copyOf(byName.values());
    }

    public static ToolSpecification specification(ToolSpec tool) {
        ToolSpecification.Builder builder = ToolSpecification.builder()
                .name(functionName(tool.name()))
                .parameters(objectSchema(tool.parameters()));
        String description = PromptBuilder.description(tool);
        if (!description.isEmpty()) {
            builder.description(description);
        }
        return builder.build();
    }

    /**
     * The name the model calls the tool by: providers accept only [a-zA-Z0-9_-]{1,64} and reject the whole
     * request otherwise, so an integration named "Lead Capture" is offered as "Lead_Capture".
     */
    public static String functionName(String name) {
        String safe = (name == null ? "" : name).replaceAll("[^a-zA-Z0-9_-]", "_");
        if (safe.isEmpty()) {
            safe = "tool";
        }
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    /** A missing or non-object schema becomes an object without properties. */
    public static JsonObjectSchema objectSchema(JsonNode schema) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        if (schema == null || !schema.isObject()) {
            return builder.build();
        }
        description(schema).ifPresent(builder::description);
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            builder.addProperty(field.getKey(), element(field.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        if (!required.isEmpty()) {
            builder.required(required);
        }
        if (schema.path("additionalProperties").isBoolean()) {
            builder.additionalProperties(schema.path("additionalProperties").booleanValue());
        }
        return builder.build();
    }

    static JsonSchemaElement element(JsonNode schema) {
        if (schema.has("enum") && schema.get("enum").isArray()) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            JsonEnumSchema.Builder builder = JsonEnumSchema.builder().enumValues(values);
            description(schema).ifPresent(builder::description);
            return builder.build();
        }
        String description = description(schema).orElse(null);
        return switch (type(schema)) {
            case "object" -> objectSchema(schema);
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(schema.has("items") ? element(schema.get("items")) : JsonStringSchema.builder().build())
                    .build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    /** The declared type; for ["string", "null"] the non-null one; inferred as object when only properties exist. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static Optional<String> description(JsonNode schema) {
        JsonNode d = schema.path("description");
        return d.isTextual() ? Optional.of(d.asText()) : Optional.empty();
    }
}
