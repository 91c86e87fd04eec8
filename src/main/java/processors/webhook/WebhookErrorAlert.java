package processors.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.alerts.Alert;
import hub.whatsapp.DeliveryStatusRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Turns the out-of-band {@code errors[]} Meta sent for a phone number into an {@link Alert} body. */
@Component
public record WebhookErrorAlert(DeliveryStatusRepository chatbots) implements Processor {

    @Override
    public void process(Exchange exchange) {
        JsonNode record = exchange.getIn().getBody(JsonNode.class);
        String phoneNumberId = record.path("phoneNumberId").asText(null);
        var chatbot = chatbots.chatbotByPhoneNumberId(phoneNumberId);
        JsonNode first = record.path("errors").path(0);
        String code = first.hasNonNull("code") ? first.get("code").asText() : "unknown";
        String text = RecordDeliveryStatus.firstText(first, "message", "title");

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("phone_number_id", phoneNumberId);
        metadata.put("error_code", code);
        if (text != null) {
            metadata.put("detail", text);
        }
        metadata.put("errors", record.path("errors").toString());
        UUID org = chatbot.map(DeliveryStatusRepository.ChatbotRef::organizationId).orElse(null);
        exchange.getIn().setBody(new Alert(org, chatbot.map(DeliveryStatusRepository.ChatbotRef::chatbotId).orElse(null),
                Alert.Reason.META_ERROR, Alert.Severity.ERROR,
                "Meta reported an error for phone number " + phoneNumberId + ": code " + code
                        + (text == null ? "" : " — " + text),
                metadata, "webhook-error:" + phoneNumberId + ":" + code));
    }
}
