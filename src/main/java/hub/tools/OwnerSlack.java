package hub.tools;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.security.SecretCipher;
import org.springframework.stereotype.Component;

/**
 * Posts to an organisation's Slack incoming webhook (the owner notification settings; stored encrypted), through
 * the {@link GuardedHttpClient} since the organisation chose the URL, within {@code hub.tools.slack-timeout}.
 */
@Component
public record OwnerSlack(GuardedHttpClient servers, SecretCipher cipher, ObjectMapper mapper, HubProperties hub) {

    public Delivery post(String storedWebhook, Map<String, Object> payload) {
        URI webhook;
        try {
            webhook = URI.create(cipher.decrypt(storedWebhook).strip());
        } catch (IllegalArgumentException e) {
            return Delivery.NOT_ALLOWED;
        }
        try {
            GuardedHttpClient.Answer response = servers.send(GuardedHttpClient.Request.post(webhook, "application/json",
                    mapper.writeValueAsBytes(payload)), Deadline.in(hub.tools().slackTimeout()),
                    hub.tools().maxResponseBytes().toBytes());
            if (response.status() / 100 == 2) {
                return Delivery.SENT;
            }
            String body = response.text();
            return Delivery.failed("Slack API error: " + (body.length() > 200 ? body.substring(0, 200) : body));
        } catch (OutboundException e) {
            if (e.kind() == OutboundException.Kind.NOT_ALLOWED || e.kind() == OutboundException.Kind.INVALID_URL) {
                return Delivery.NOT_ALLOWED;
            }
            return Delivery.failed("Failed to send Slack notification: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
