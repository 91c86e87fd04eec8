package processors.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.alerts.Alert;
import hub.alerts.AlertRepository;
import hub.config.HubProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts a new alert to the Slack incoming webhook {@code hub.alerts.slack-webhook-url}, best effort:
 * the alert is already stored, so a Slack outage is logged and does not fail the caller.
 */
@Component
public class NotifySlack implements Processor {

    private static final Logger log = LoggerFactory.getLogger(NotifySlack.class);

    private final String webhookUrl;
    private final ObjectMapper mapper;
    private final AlertRepository alerts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public NotifySlack(HubProperties hub, ObjectMapper mapper, AlertRepository alerts) {
        this.webhookUrl = hub.alerts().slackWebhookUrl();
        this.mapper = mapper;
        this.alerts = alerts;
    }

    /** A Slack message with an attachment coloured by severity (critical red ... info green). */
    static Map<String, Object> message(Alert alert) {
        Alert.Severity severity = alert.severity() == null ? Alert.Severity.ERROR : alert.severity();
        String color = color(severity);
        String emoji = emoji(severity);
        String text = alert.message().length() > 2000 ? alert.message().substring(0, 2000) + "…" : alert.message();
        Map<String, Object> attachment = new java.util.LinkedHashMap<>();
        attachment.put("color", color);
        attachment.put("title", emoji + " " + alert.type() + " - " + severity);
        attachment.put("text", text);
        attachment.put("fields", java.util.List.of(
                Map.of("title", "Organisation", "value", String.valueOf(alert.organizationId()), "short", true),
                Map.of("title", "Chatbot", "value", alert.chatbotId() == null ? "Unknown" : alert.chatbotId().toString(), "short", true)));
        attachment.put("footer", "WhatsApp Agent Hub");
        return Map.of("username", "WhatsApp Agent Hub", "text", emoji + " *" + alert.type() + "*: " + text,
                "attachments", java.util.List.of(attachment));
    }

    static String color(Alert.Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#FF0000";
            case ERROR -> "#FF6B6B";
            case WARNING -> "#FFD93D";
            case INFO -> "#6BCB77";
        };
    }

    static String emoji(Alert.Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":fire:";
            case ERROR -> ":x:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
        };
    }

    public boolean configured() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (!configured()) {
            return;
        }
        Alert alert = exchange.getIn().getMandatoryBody(Alert.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(message(alert))))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                alerts.markNotified(alert.dedupKey());
            } else {
                log.warn("Slack refused alert {}: HTTP {}", alert.type(), response.statusCode());
            }
        } catch (java.io.IOException e) {
            log.warn("Slack unreachable for alert {}: {}", alert.type(), e.getMessage());
        }
    }
}
