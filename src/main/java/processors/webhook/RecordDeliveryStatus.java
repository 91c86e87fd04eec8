package processors.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import hub.alerts.Alert;
import hub.conversation.PendingReply;
import hub.conversation.UncertainReplies;
import hub.metrics.BusinessMetrics;
import hub.whatsapp.DeliveryStatusRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Applies a status record (sent, delivered, read, failed) to the outbound message with its wamid.
 * Statuses only move forward, so redelivered or out-of-order records change nothing. A status for a wamid the hub has
 * not recorded that carries one of our reply keys is kept as the proof that the reply went out. A failed
 * delivery leaves an {@link Alert} as the body (header {@link #ALERT}) for {@code direct:alert}.
 */
@Component
public record RecordDeliveryStatus(DeliveryStatusRepository statuses, UncertainReplies uncertainReplies,
                                   BusinessMetrics metrics) implements Processor {

    public static final String ALERT = "HubDeliveryAlert";

    @Override
    public void process(Exchange exchange) {
        JsonNode record = exchange.getIn().getBody(JsonNode.class);
        String status = record.path("status").asText(null);
        JsonNode error = record.path("errors").path(0);
        String errorCode = error.hasNonNull("code") ? error.get("code").asText() : null;
        String errorText = error.isMissingNode() ? null : firstText(error, "title", "message");
        Instant at = record.hasNonNull("timestamp") ? Instant.ofEpochSecond(record.get("timestamp").asLong()) : null;

        String wamid = record.path("wamid").asText(null);
        var message = statuses.record(wamid, status, at, errorCode, errorText);
        if (message.isEmpty() && wamid != null && status != null) {
            PendingReply.keyOf(record.path("biz_opaque_callback_data").asText(null))
                    .ifPresent(key -> uncertainReplies.recordProof(key, wamid));
        }
        message.ifPresent(m -> metrics.deliveryStatus(status));
        exchange.getIn().setHeader(ALERT, false);
        if ("failed".equals(status) && message.isPresent()) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("wamid", record.path("wamid").asText());
            metadata.put("error_code", errorCode);
            if (errorText != null) {
                metadata.put("detail", errorText);
            }
            exchange.getIn().setHeader(ALERT, true);
            exchange.getIn().setBody(new Alert(message.get().organizationId(), message.get().chatbotId(),
                    Alert.Reason.NOT_DELIVERED, Alert.Severity.ERROR,
                    "WhatsApp could not deliver a reply" + (errorText == null ? "" : ": " + errorText)
                            + (errorCode == null ? "" : " (code " + errorCode + ")"),
                    metadata, "delivery-failed:" + message.get().chatbotId() + ":" + errorCode));
        }
    }

    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }
}
