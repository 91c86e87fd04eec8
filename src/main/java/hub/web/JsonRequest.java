package hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * A JSON object request body, read field by field with validation. Every refusal is a 400 with a
 * machine-readable code: {@code invalid_json} (not a JSON object), {@code unknown_field} (a field the
 * endpoint does not take), {@code missing_field}, {@code invalid_field} (wrong type, length, range or
 * format). Absent and {@code null} fields read as null ("leave unchanged" for updates).
 */
public final class JsonRequest {

    private final JsonNode body;
    private final ObjectMapper mapper;

    private JsonRequest(JsonNode body, ObjectMapper mapper) {
        this.body = body;
        this.mapper = mapper;
    }

    /** The body, which must be a JSON object whose fields are all in {@code allowed}. */
    public static JsonRequest of(Exchange exchange, ObjectMapper mapper, Set<String> allowed) {
        JsonNode node = parse(exchange, mapper);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiError.badRequest("unknown_field", "'" + name + "' is not a field of this request; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonRequest(node, mapper);
    }

    /** An optional body: empty means {}. */
    public static JsonRequest optional(Exchange exchange, ObjectMapper mapper, Set<String> allowed) {
        byte[] bytes = bytes(exchange);
        if (bytes == null || bytes.length == 0 || new String(bytes).isBlank()) {
            return new JsonRequest(mapper.createObjectNode(), mapper);
        }
        exchange.getIn().setBody(bytes);
        return of(exchange, mapper, allowed);
    }

    public boolean has(String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    /** True when the field is in the body, also as null. */
    public boolean present(String field) {
        return body.has(field);
    }

    public boolean isEmpty() {
        return body.isEmpty();
    }

    public String text(String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        if (text.length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    public String requiredText(String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value != null && value.isTextual() && value.asText().isBlank()) {
            throw ApiError.badRequest("missing_field", "'" + field + "' is required");
        }
        String text = text(field, maxLength);
        if (text == null) {
            throw ApiError.badRequest("missing_field", "'" + field + "' is required");
        }
        return text;
    }

    public String text(String field, int maxLength, Pattern format, String formatDescription) {
        String text = text(field, maxLength);
        if (text != null && !format.matcher(text).matches()) {
            throw invalid(field, formatDescription);
        }
        return text;
    }

    public String oneOf(String field, Set<String> values) {
        String text = text(field, 64);
        if (text != null && !values.contains(text)) {
            throw invalid(field, "must be one of " + String.join(", ", values.stream().sorted().toList()));
        }
        return text;
    }

    public Long integer(String field, long min, long max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(field, "must be a whole number");
        }
        long number = value.asLong();
        if (number < min || number > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return number;
    }

    public BigDecimal decimal(String field, double min, double max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(field, "must be a number");
        }
        BigDecimal number = value.decimalValue();
        if (number.doubleValue() < min || number.doubleValue() > max) {
            throw invalid(field, "must be between " + min + " and " + max);
        }
        return number;
    }

    public Boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return value.asBoolean();
    }

    /** A list of short non-empty strings, trimmed, duplicates removed, order kept. */
    public List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array of strings");
        }
        if (value.size() > maxItems) {
            throw invalid(field, "must have at most " + maxItems + " items");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().strip().length() > maxLength) {
                throw invalid(field, "must hold non-empty strings of at most " + maxLength + " characters");
            }
            if (!out.contains(item.asText().strip())) {
                out.add(item.asText().strip());
            }
        }
        return out;
    }

    /** A JSON object field as JSON text, exactly as sent (null values included). */
    public String objectJson(String field, int maxBytes) {
        Map<String, Object> checked = object(field, maxBytes);
        return checked == null ? null : body.get(field).toString();
    }

    /** A JSON object field as a map (values kept as JSON). */
    public Map<String, Object> object(String field, int maxBytes) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(field, "must be a JSON object");
        }
        if (value.toString().length() > maxBytes) {
            throw invalid(field, "must be at most " + maxBytes + " bytes of JSON");
        }
        return mapper.convertValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    public static ApiError invalid(String field, String problem) {
        return ApiError.badRequest("invalid_field", "'" + field + "' " + problem);
    }

    private static JsonNode parse(Exchange exchange, ObjectMapper mapper) {
        byte[] bytes = bytes(exchange);
        if (bytes == null || bytes.length == 0) {
            throw ApiError.badRequest("invalid_json", "The request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", "The request body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("invalid_json", "The request body must be a JSON object");
        }
        return node;
    }

    private static byte[] bytes(Exchange exchange) {
        try {
            Object raw = exchange.getIn().getBody();
            return raw instanceof InputStream in ? in.readAllBytes() : exchange.getIn().getBody(byte[].class);
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", "The request body could not be read");
        }
    }
}
