package processors.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.UUID;

import hub.api.organization.NotificationSettings;
import hub.api.organization.UpdateNotificationSettingsRequest;
import hub.console.ConsoleTexts;
import hub.security.SecretCipher;
import hub.tools.BusinessToolRepository;
import hub.tools.OwnerSlack;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The organisation's owner notification settings, which the contact_owner tool reads: the method and the Slack
 * incoming webhook. The webhook URL is write-only: it is stored encrypted ({@link SecretCipher}) and never shown.
 */
@Component
public record NotificationSettingsApi(BusinessToolRepository repository, SecretCipher cipher, RequestBodies bodies,
                                      OwnerSlack slack, ConsoleTexts texts) {

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

    /** {@code POST .../test}: a message to the organisation's Slack, so the owner sees it arrives; 204 when Slack took it. */
    public void test(Exchange exchange) {
        var target = repository.slack(ApiParams.organization(exchange)).orElseThrow(() -> ApiError.conflict("slack_not_set_up",
                "Notifications do not go to Slack: choose the slack method with a webhook URL and save it first"));
        OwnerSlack.Delivery delivery = slack.post(target.slackWebhookUrl(),
                Map.of("text", texts.text("notify.test_message", target.language(), Map.of())));
        if (!delivery.allowed()) {
            throw ApiError.unprocessable("url_not_allowed", "The Slack webhook URL must be on the public internet");
        }
        if (!delivery.sent()) {
            throw new ApiError(502, "slack_failed", "Slack did not take the message: " + delivery.error());
        }
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
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
