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
import hub.tools.Delivery;
import hub.tools.OwnerMail;
import hub.tools.OwnerSlack;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The organisation's owner notification settings, which the contact_owner tool and the alerts read: the method, the
 * Slack incoming webhook and whether alerts go there too. The webhook URL is write-only: it is stored encrypted
 * ({@link SecretCipher}) and never shown. E-mail goes to the owner through the hub's mail server, when it has one.
 */
@Component
public record NotificationSettingsApi(BusinessToolRepository repository, SecretCipher cipher, RequestBodies bodies,
                                      OwnerSlack slack, OwnerMail mail, ConsoleTexts texts) {

    private static final Logger log = LoggerFactory.getLogger(NotificationSettingsApi.class);

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
        if ("email".equals(body.method()) && !mail.available()) {
            throw noMailServer();
        }
        exchange.getMessage().setBody(view(repository.updateNotificationSettings(organization, body.method(),
                cipher.encrypt(webhook), remove, body.alerts())));
    }

    /** {@code POST .../test}: a message where the notifications go, so the owner sees it arrives; 204 when it was taken. */
    public void test(Exchange exchange) {
        var channel = repository.channel(ApiParams.organization(exchange));
        String text = texts.text("notify.test_message", channel.language(), Map.of());
        if ("slack".equals(channel.method()) && channel.slackWebhookUrl() != null) {
            Delivery delivery = slack.post(channel.slackWebhookUrl(), Map.of("text", text));
            if (delivery.outcome() == Delivery.Outcome.NOT_ALLOWED) {
                throw ApiError.unprocessable("url_not_allowed", "The Slack webhook URL must be on the public internet");
            }
            if (!delivery.sent()) {
                throw new ApiError(502, "slack_failed", "Slack did not take the message: " + delivery.error());
            }
        } else if ("email".equals(channel.method()) && channel.ownerEmail() != null) {
            Delivery delivery = mail.send(channel.ownerEmail(), texts.text("owner_mail.test_subject", channel.language(), Map.of()),
                    text + "\n\n" + texts.text("owner_mail.footer", channel.language(), Map.of()));
            if (delivery.outcome() == Delivery.Outcome.NO_MAIL_SERVER) {
                throw noMailServer();
            }
            if (!delivery.sent()) {
                log.warn("The test e-mail to the owner of organisation {} failed: {}", ApiParams.organization(exchange), delivery.error());
                throw new ApiError(502, "email_failed", "The hub's mail server did not take the e-mail; its operator's log says why");
            }
        } else {
            throw ApiError.conflict("not_set_up", "email".equals(channel.method())
                    ? "The organisation has no active owner to e-mail"
                    : "Notifications go nowhere the hub delivers: choose slack (with a webhook URL) or email and save it first");
        }
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    private static ApiError noMailServer() {
        return ApiError.conflict("email_not_available", "This hub has no mail server to send e-mail with: ask its operator, or choose slack");
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

    private NotificationSettings view(Map<String, Object> row) {
        return new NotificationSettings((String) row.get("notification_method"), Boolean.TRUE.equals(row.get("has_slack_webhook")),
                Boolean.TRUE.equals(row.get("notify_alerts")), mail.available());
    }
}
