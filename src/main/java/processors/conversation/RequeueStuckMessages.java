package processors.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.alerts.Alert;
import hub.config.HubProperties;
import hub.conversation.InboundMessage;
import hub.conversation.StuckMessages;
import hub.conversation.StuckMessages.Stuck;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Recovery of messages stuck in processing: an inbound message whose lease expired more than
 * {@code hub.jobs.stuck-messages-after} ago without being finished is put back on {@code whatsapp.inbound}
 * (rebuilt from the stored message), where the idempotent consumer takes it over: it is answered once,
 * or only closed when its reply had already gone out. A message out of attempts, or one that was never
 * stored, is parked as failed with an alert instead. The body becomes the number of messages handled.
 */
@Component
public record RequeueStuckMessages(StuckMessages stuckMessages, ProducerTemplate producer, ObjectMapper mapper,
                                   HubProperties hub) implements Processor {

    static final String INBOUND = "kafka:{{hub.kafka.topics.inbound:whatsapp.inbound}}?synchronous=true";
    private static final Logger log = LoggerFactory.getLogger(RequeueStuckMessages.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        int requeued = 0;
        int parked = 0;
        for (Stuck stuck : stuckMessages.claim(hub.jobs().stuckMessagesAfter(), hub.jobs().batchSize())) {
            if (stuck.attempts() >= hub.conversation().maxAttempts()) {
                park(stuck, "stuck in processing after " + stuck.attempts() + " attempts");
                parked++;
                continue;
            }
            var stored = stuckMessages.storedInbound(stuck.wamid());
            if (stored.isEmpty()) {
                park(stuck, "stuck in processing before it was stored; it cannot be rebuilt");
                parked++;
                continue;
            }
            var m = stored.get();
            JsonNode attachment = m.attachmentJson() == null ? null : mapper.readTree(m.attachmentJson());
            boolean userIdOnly = m.fromUserId() != null && m.fromUserId().equals(m.sender());
            InboundMessage message = new InboundMessage(stuck.wamid(), stuck.phoneNumberId(), userIdOnly ? null : m.sender(),
                    m.fromUserId(), m.profileName(), m.timestamp(), m.type(), m.text(), attachment, null);
            Map<String, Object> headers = new HashMap<>();
            headers.put(KafkaConstants.KEY, stuck.phoneNumberId() + ":" + m.sender());
            producer.sendBodyAndHeaders(INBOUND, mapper.writeValueAsString(message), headers);
            requeued++;
        }
        if (requeued + parked > 0) {
            log.info("Stuck messages: {} put back on the inbound topic, {} parked as failed", requeued, parked);
        }
        exchange.getMessage().setBody(requeued + parked);
    }

    private void park(Stuck stuck, String reason) {
        var scope = stuckMessages.giveUp(stuck, reason);
        if (scope.isEmpty()) {
            return; // finished meanwhile
        }
        UUID organization = (UUID) scope.get().get("organization_id");
        UUID chatbot = (UUID) scope.get().get("chatbot_id");
        producer.sendBody("direct:alert", new Alert(organization, chatbot, Alert.Reason.MESSAGE_STUCK, Alert.Severity.ERROR,
                "A customer message was " + reason + " and was parked", Map.of("wamid", stuck.wamid()),
                "stuck:" + (chatbot == null ? "unknown" : chatbot)));
    }
}
