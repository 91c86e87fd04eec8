package hub.knowledge.api;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.knowledge.store.SourceRef;
import hub.web.ApiError;
import hub.web.PathParams;
import org.apache.camel.Exchange;

/**
 * Reading a knowledge API request: the caller's organisation, the chatbot and source of the path
 * (anything that is not a UUID names nothing: 404), the JSON body (malformed: 400 {@code invalid_json})
 * and its fields (missing or wrong: 400 {@code missing_field} / {@code invalid_field}).
 */
public final class KnowledgeRequests {

    private KnowledgeRequests() {
    }

    public static UUID organization(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.ORGANIZATION_ID, UUID.class);
    }

    public static UUID chatbot(Exchange exchange) {
        return PathParams.uuid(exchange, "chatbotId", "Chatbot");
    }

    public static SourceRef source(Exchange exchange) {
        return new SourceRef(organization(exchange), chatbot(exchange),
                PathParams.uuid(exchange, "sourceId", "Knowledge source"));
    }

    /** The body as a JSON object. */
    public static JsonNode jsonObject(Exchange exchange, ObjectMapper mapper) {
        byte[] body;
        try {
            Object raw = exchange.getIn().getBody();
            body = raw instanceof InputStream in ? in.readAllBytes() : exchange.getIn().getBody(byte[].class);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("invalid_json", "The request body could not be read");
        }
        if (body == null || body.length == 0) {
            throw ApiError.badRequest("invalid_json", "The request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("invalid_json", "The request body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("invalid_json", "The request body must be a JSON object");
        }
        return node;
    }

    public static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw ApiError.badRequest("missing_field", "'" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a string");
        }
        return value.asText().strip();
    }

    public static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a string");
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    /** An optional integer field within [min, max] (null when absent). */
    public static Integer optionalInt(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    public static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    /** An array of strings (required, at least one). */
    public static List<String> requiredStrings(JsonNode body, String field, int maxItems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.badRequest("missing_field", "'" + field + "' is required");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be a non-empty array of strings");
        }
        if (value.size() > maxItems) {
            throw ApiError.badRequest("too_many_items", "'" + field + "' may hold at most " + maxItems + " entries");
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiError.badRequest("invalid_field", "'" + field + "' must hold strings only");
            }
            items.add(item.asText());
        }
        return items;
    }

    /** An optional array of strings (empty when absent). */
    public static List<String> optionalStrings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiError.badRequest("invalid_field", "'" + field + "' must be an array of strings");
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiError.badRequest("invalid_field", "'" + field + "' must hold strings only");
            }
            items.add(item.asText());
        }
        return items;
    }

    /** An optional integer query parameter within [min, max]. */
    public static int queryInt(Exchange exchange, String name, int defaultValue, int min, int max) {
        String value = exchange.getIn().getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_parameter", name + " must be a whole number from " + min + " to " + max);
        }
    }

    /** An optional enum query parameter (case-insensitive), null when absent. */
    public static <E extends Enum<E>> E queryEnum(Exchange exchange, String name, Class<E> type) {
        String value = exchange.getIn().getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw ApiError.badRequest("invalid_parameter", name + " must be one of " + String.join(", ", allowed));
        }
    }
}
