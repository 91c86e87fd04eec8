package processors.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.UUID;

import hub.api.organization.NotificationSettings;
import hub.api.organization.UpdateNotificationSettingsRequest;
import hub.security.SecretCipher;
import hub.tools.BusinessToolRepository;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The organisation's owner notification settings, which the contact_owner tool reads: the method and the Slack
 * incoming webhook. The webhook URL is write-only: it is stored encrypted ({@link SecretCipher}) and never shown.
 */
@Component
public record NotificationSettingsApi(BusinessToolRepository repository, SecretCipher cipher, RequestBodies bodies) {

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(view(repository.notificationSettings(ApiParams.organization(exchange))));
    }

    /** {@code PUT}: the method; the webhook replaced (https only), removed with null, or kept when left out. */
    public void update(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UpdateNotificationSettingsRequest body = bodies.read(exchange, UpdateNotificationSettingsRequest.class);
        boolean remove = body.slackWebhookUrl() != null && body.slackWebhookUrl().isEmpty();
        String webhook = body.slackWebhookUrl() == null ? null : body.slackWebhookUrl().map(NotificationSettingsApi::httpsUrl).orElse(null);
        boolean stored = Boolean.TRUE.equals(repository.notificationSettings(organization).get("has_slack_webhook"));
        if ("slack".equals(body.method()) && (remove || webhook == null && !stored)) {
            throw RequestBodies.invalid("slack_webhook_url", "is needed for the slack method: the https URL of a Slack incoming webhook");
        }
        exchange.getMessage().setBody(view(repository.updateNotificationSettings(organization, body.method(),
                cipher.encrypt(webhook), remove, body.alerts())));
    }

    private static String httpsUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(value, "not an https URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw RequestBodies.invalid("slack_webhook_url", "must be an https URL (https://hooks.slack.com/services/...)");
        }
    }

    private static NotificationSettings view(Map<String, Object> row) {
        return new NotificationSettings((String) row.get("notification_method"), Boolean.TRUE.equals(row.get("has_slack_webhook")),
                Boolean.TRUE.equals(row.get("notify_alerts")));
    }
}
