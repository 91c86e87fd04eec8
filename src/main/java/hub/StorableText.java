package hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * PostgreSQL stores no NUL character in text or jsonb: a statement given one fails, and so does every retry of it.
 * Text from outside that the pipeline stores (a model's answer and tool arguments, a tool server's result, a
 * transcript, an error quoting a provider) loses its NULs where it enters or is stored; text an API caller sends is refused instead
 * ({@link hub.web.RequestBodies}, {@code ApiParams}).
 */
public final class StorableText {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StorableText() {
    }

    /** The text without its NULs; the same instance when it has none (so is {@link #json}'s). */
    public static String of(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    /** JSON text whose strings and names hold no NUL (written {@code \u0000} in it); text that is not JSON, {@link #of}. */
    public static String json(String json) {
        if (json == null || !json.contains("\\u0000")) {
            return of(json);
        }
        try {
            return JSON.writeValueAsString(withoutNul(JSON.readTree(json)));
        } catch (JsonProcessingException notJson) {
            return of(json);
        }
    }

    /** True for text PostgreSQL can store: no NUL, and no half of a surrogate pair (which could only be stored as "?"). */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode clean = JSON.createObjectNode();
            object.fields().forEachRemaining(field -> clean.set(of(field.getKey()), withoutNul(field.getValue())));
            return clean;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode clean = JSON.createArrayNode();
            array.forEach(item -> clean.add(withoutNul(item)));
            return clean;
        }
        return node.isTextual() ? TextNode.valueOf(of(node.asText())) : node;
    }
}
