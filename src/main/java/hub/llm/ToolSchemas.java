package hub.llm;

import java.util.ArrayList;
import java.util.Iterator;
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

    public static List<ToolSpecification> specifications(List<ToolSpec> tools) {
        if (tools == null) {
            return List.of();
        }
        return tools.stream().map(ToolSchemas::specification).toList();
    }

    public static ToolSpecification specification(ToolSpec tool) {
        ToolSpecification.Builder builder = ToolSpecification.builder()
                .name(tool.name())
                .parameters(objectSchema(tool.parameters()));
        String description = PromptBuilder.description(tool);
        if (!description.isEmpty()) {
            builder.description(description);
        }
        return builder.build();
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
