package hub.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The API's one naming rule: every JSON key is snake_case. The only keys exempt are those of maps whose keys
 * are data (a schema with {@code additionalProperties}, e.g. a tool's free-form arguments).
 */
public final class SnakeCaseKeys {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");

    private final OpenAPI api;

    public SnakeCaseKeys(OpenAPI api) {
        this.api = api;
    }

    public static boolean isSnakeCase(String key) {
        return SNAKE_CASE.matcher(key).matches();
    }

    /** JSON pointers of the keys of {@code value} that are not snake_case, read along {@code schema} (null: undocumented). */
    public List<String> offendingKeys(JsonNode value, Schema<?> schema) {
        List<String> offending = new ArrayList<>();
        walk(value, schema, "", offending);
        return offending;
    }

    /** Property names that are not snake_case anywhere under {@code schema}, each with where it is declared. */
    public List<String> offendingProperties(Schema<?> schema, String where) {
        List<String> offending = new ArrayList<>();
        declare(schema, where, offending, new HashSet<>());
        return offending;
    }

    private void walk(JsonNode value, Schema<?> declared, String pointer, List<String> offending) {
        Schema<?> schema = resolve(declared);
        if (value.isArray()) {
            Schema<?> items = schema == null ? null : schema.getItems();
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), items, pointer + "/" + i, offending);
            }
        } else if (value.isObject()) {
            Map<String, Schema> properties = properties(schema);
            Object additional = schema == null ? null : schema.getAdditionalProperties();
            boolean keysAreData = additional != null && !Boolean.FALSE.equals(additional);
            value.fields().forEachRemaining(field -> {
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                Schema<?> property = properties.get(field.getKey());
                if (property == null && keysAreData) {
                    if (additional instanceof Schema<?> values && !properties(resolve(values)).isEmpty()) {
                        walk(field.getValue(), values, at, offending);
                    }
                    return;
                }
                if (!isSnakeCase(field.getKey())) {
                    offending.add(at);
                }
                walk(field.getValue(), property, at, offending);
            });
        }
    }

    private void declare(Schema<?> declared, String where, List<String> offending, Set<String> seen) {
        if (declared == null) {
            return;
        }
        if (declared.get$ref() != null && !seen.add(declared.get$ref())) {
            return;
        }
        Schema<?> schema = resolve(declared);
        String at = declared.get$ref() != null ? declared.get$ref().substring(declared.get$ref().lastIndexOf('/') + 1) : where;
        properties(schema).forEach((name, property) -> {
            if (!isSnakeCase(name)) {
                offending.add(at + "." + name);
            }
            declare(property, at + "." + name, offending, seen);
        });
        declare(schema.getItems(), at + "[]", offending, seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            declare(values, at + "{}", offending, seen);
        }
    }

    /** The properties of a schema, those of its allOf/anyOf/oneOf parts included. */
    private Map<String, Schema> properties(Schema<?> schema) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        if (schema == null) {
            return properties;
        }
        if (schema.getProperties() != null) {
            properties.putAll(schema.getProperties());
        }
        for (List<Schema> parts : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (parts != null) {
                parts.forEach(part -> properties.putAll(properties(resolve(part))));
            }
        }
        return properties;
    }

    Schema<?> resolve(Schema<?> schema) {
        Schema<?> resolved = schema;
        for (int depth = 0; resolved != null && resolved.get$ref() != null && depth < 20; depth++) {
            String ref = resolved.get$ref();
            resolved = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
                    : api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return resolved;
    }
}
