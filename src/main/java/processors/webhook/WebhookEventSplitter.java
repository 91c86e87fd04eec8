package processors.webhook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.config.HubProperties;
import hub.web.ApiError;
import org.springframework.stereotype.Component;

/**
 * Turns one Meta webhook body into the records the hub keeps: every message of every change of
 * every entry becomes one inbound record keyed {@code phone_number_id:from} (so a conversation
 * stays in order), every delivery status one status record, and every out-of-band error one error
 * record on the status topic. A body that is not a WhatsApp Business Account event gives no record.
 */
@Component
public class WebhookEventSplitter {

    public static final String OBJECT = "whatsapp_business_account";
    private static final Set<String> CAPTIONED = Set.of("image", "video", "document");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One Kafka record: topic, key and JSON value. */
    public record TopicRecord(String topic, String key, byte[] value) {
    }

    private final ObjectMapper mapper;
    private final String inboundTopic;
    private final String statusTopic;

    public WebhookEventSplitter(ObjectMapper mapper, HubProperties hub) {
        this.mapper = mapper;
        this.inboundTopic = hub.kafka().topics().inbound();
        this.statusTopic = hub.kafka().topics().status();
    }

    private static final byte[] ESCAPED_NUL = "\\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean containsEscapedNul(byte[] body) {
        outer:
        for (int i = 0; i <= body.length - ESCAPED_NUL.length; i++) {
            for (int j = 0; j < ESCAPED_NUL.length; j++) {
                if (body[i + j] != ESCAPED_NUL[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** PostgreSQL text and jsonb cannot hold U+0000: it is dropped from every name and text before anything is stored. */
    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return JSON.textNode(node.asText().replace("\u0000", ""));
        }
        if (node.isArray()) {
            var copy = JSON.arrayNode();
            node.forEach(child -> copy.add(withoutNul(child)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey().replace("\u0000", ""), withoutNul(field.getValue())));
            return copy;
        }
        return node;
    }

    public List<TopicRecord> split(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_json", "The body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw ApiError.badRequest("invalid_json", "The body is empty");
        }
        if (!root.isObject() || !OBJECT.equals(root.path("object").asText())) {
            return List.of();
        }
        if (containsEscapedNul(body)) {
            root = withoutNul(root);
        }
        long receivedAt = System.currentTimeMillis();
        List<TopicRecord> records = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!value.isObject()) {
                    continue;
                }
                String phoneNumberId = text(value.path("metadata").path("phone_number_id"));
                for (JsonNode message : value.path("messages")) {
                    records.add(inbound(entry, value, phoneNumberId, message, receivedAt));
                }
                for (JsonNode status : value.path("statuses")) {
                    records.add(status(phoneNumberId, status, receivedAt));
                }
                if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
                    records.add(errors(entry, change, phoneNumberId, value.path("errors"), receivedAt));
                }
            }
        }
        return records;
    }

    private TopicRecord inbound(JsonNode entry, JsonNode value, String phoneNumberId, JsonNode message, long receivedAt) {
        JsonNode contact = contactOf(value.path("contacts"), text(message.path("from")));
        String from = firstNonNull(text(message.path("from")), text(contact.path("wa_id")));
        String fromUserId = firstNonNull(text(message.path("from_user_id")), text(contact.path("user_id")));
        String type = firstNonNull(text(message.path("type")), "unknown");

        ObjectNode record = JSON.objectNode();
        record.put("wamid", text(message.path("id")));
        record.put("phoneNumberId", phoneNumberId);
        record.put("displayPhoneNumber", text(value.path("metadata").path("display_phone_number")));
        record.put("wabaId", text(entry.path("id")));
        record.put("from", from);
        record.put("fromUserId", fromUserId);
        record.put("profileName", text(contact.path("profile").path("name")));
        record.put("timestamp", epochSeconds(message.path("timestamp")));
        record.put("type", type);
        record.put("text", textToAnswer(type, message));
        JsonNode attachment = attachment(type, message);
        if (attachment != null) {
            record.set("attachment", attachment);
        }
        if (message.hasNonNull("context")) {
            record.set("context", message.get("context"));
        }
        record.put("receivedAt", receivedAt);
        record.set("raw", message);
        String sender = firstNonNull(from, fromUserId, "unknown");
        return new TopicRecord(inboundTopic, phoneNumberId + ":" + sender, bytes(record));
    }

    private TopicRecord status(String phoneNumberId, JsonNode status, long receivedAt) {
        ObjectNode record = JSON.objectNode();
        record.put("kind", "status");
        record.put("wamid", text(status.path("id")));
        record.put("phoneNumberId", phoneNumberId);
        record.put("status", text(status.path("status")));
        record.put("timestamp", epochSeconds(status.path("timestamp")));
        String recipient = firstNonNull(text(status.path("recipient_id")), text(status.path("recipient_user_id")));
        record.put("recipientId", recipient);
        copy(status, record, "conversation", "pricing", "errors", "biz_opaque_callback_data");
        record.put("receivedAt", receivedAt);
        record.set("raw", status);
        return new TopicRecord(statusTopic, phoneNumberId + ":" + firstNonNull(recipient, "unknown"), bytes(record));
    }

    private TopicRecord errors(JsonNode entry, JsonNode change, String phoneNumberId, JsonNode errors, long receivedAt) {
        ObjectNode record = JSON.objectNode();
        record.put("kind", "error");
        record.put("phoneNumberId", phoneNumberId);
        record.put("wabaId", text(entry.path("id")));
        record.put("field", text(change.path("field")));
        record.set("errors", errors);
        record.put("receivedAt", receivedAt);
        return new TopicRecord(statusTopic, phoneNumberId + ":errors", bytes(record));
    }

    /** The text the agent answers: the body, the chosen reply's title, or a media caption. */
    static String textToAnswer(String type, JsonNode message) {
        return switch (type) {
            case "text" -> text(message.path("text").path("body"));
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                yield firstNonNull(text(interactive.path("button_reply").path("title")),
                        text(interactive.path("list_reply").path("title")),
                        text(interactive.path("nfm_reply").path("body")));
            }
            case "button" -> firstNonNull(text(message.path("button").path("text")),
                    text(message.path("button").path("payload")));
            default -> CAPTIONED.contains(type) ? text(message.path(type).path("caption")) : null;
        };
    }

    private static JsonNode attachment(String type, JsonNode message) {
        JsonNode media = message.path(type);
        if (!media.isObject() || !media.has("id")) {
            return null;
        }
        ObjectNode attachment = JSON.objectNode();
        attachment.put("kind", type);
        attachment.put("id", text(media.path("id")));
        attachment.put("mimeType", text(media.path("mime_type")));
        if (media.has("filename")) {
            attachment.put("filename", text(media.path("filename")));
        }
        return attachment;
    }

    /** The contact that sent the message: the one whose wa_id is the sender, else the first. */
    private static JsonNode contactOf(JsonNode contacts, String from) {
        for (JsonNode contact : contacts) {
            if (from != null && from.equals(text(contact.path("wa_id")))) {
                return contact;
            }
        }
        return contacts.path(0);
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    private static Long epochSeconds(JsonNode node) {
        if (node.canConvertToLong()) {
            return node.asLong();
        }
        try {
            return node.isTextual() ? Long.parseLong(node.asText()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isContainerNode() ? null : node.asText();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
