package processors.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.UUID;

import hub.api.organization.EmailConfirmationSent;
import hub.api.organization.NotificationSettings;
import hub.api.organization.UpdateNotificationSettingsRequest;
import hub.console.ConsoleTexts;
import hub.security.SecretCipher;
import hub.tools.BusinessToolRepository;
import hub.tools.BusinessToolRepository.Change;
import hub.tools.Delivery;
import hub.tools.EmailConfirmations;
import hub.tools.OwnerMail;
import hub.tools.OwnerSlack;
import hub.tools.OwnerWhatsApp;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The organisation's owner notification settings, which the contact_owner tool and the alerts read: the method, the
 * Slack incoming webhook, the owner's WhatsApp number and template, and whether alerts go there too. The webhook URL is
 * write-only: it is stored encrypted ({@link SecretCipher}) and never shown. E-mail goes to the organisation's address,
 * else its owner, through the hub's mail server, when it has one, once the address is confirmed ({@link EmailConfirmations}).
 */
@Component
public record NotificationSettingsApi(BusinessToolRepository repository, SecretCipher cipher, RequestBodies bodies,
                                      OwnerSlack slack, OwnerMail mail, OwnerWhatsApp whatsapp,
                                      EmailConfirmations confirmations, ConsoleTexts texts) {

    private static final Logger log = LoggerFactory.getLogger(NotificationSettingsApi.class);

    public void read(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        exchange.getMessage().setBody(view(organization, repository.notificationSettings(organization)));
    }

    /** {@code PUT}: the method, and each setting replaced, removed with null, or kept when left out. */
    public void update(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UpdateNotificationSettingsRequest body = bodies.read(exchange, UpdateNotificationSettingsRequest.class);
        Map<String, Object> stored = repository.notificationSettings(organization);
        Change webhook = Change.of(body.slackWebhookUrl() == null ? null : body.slackWebhookUrl().map(NotificationSettingsApi::httpsUrl));
        Change emailTo = Change.of(body.emailTo());
        Change number = Change.of(body.whatsappTo() == null ? null : body.whatsappTo().map(n -> n.replace("+", "")));
        Change template = Change.of(body.whatsappTemplate());
        Change language = Change.of(body.whatsappTemplateLanguage());
        if ("slack".equals(body.method()) && absent(webhook, Boolean.TRUE.equals(stored.get("has_slack_webhook")))) {
            throw RequestBodies.invalid("slack_webhook_url", "is needed for the slack method: the https URL of a Slack incoming webhook");
        }
        if ("email".equals(body.method()) && !mail.available()) {
            throw noMailServer();
        }
        if ("whatsapp".equals(body.method()) && absent(number, stored.get("notification_phone") != null)) {
            throw RequestBodies.invalid("whatsapp_to", "is needed for the whatsapp method: the owner's WhatsApp number");
        }
        if (!absent(template, stored.get("notify_whatsapp_template") != null)
                && absent(language, stored.get("notify_whatsapp_language") != null)) {
            throw RequestBodies.invalid("whatsapp_template_language", "is needed with whatsapp_template: its language code, such as es_MX");
        }
        exchange.getMessage().setBody(view(organization, repository.updateNotificationSettings(organization, body.method(),
                new Change(webhook.clear(), cipher.encrypt(webhook.value())), emailTo, number, template, language, body.alerts())));
    }

    // whether a setting has no value once the change is made
    private static boolean absent(Change change, boolean stored) {
        return change.clear() || change.value() == null && !stored;
    }

    /** {@code POST .../test}: a message where the notifications go, so the owner sees it arrives; 204 when it was taken. */
    public void test(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        var channel = repository.channel(organization, null);
        String text = texts.text("notify.test_message", channel.language(), Map.of());
        if ("slack".equals(channel.method()) && channel.slackWebhookUrl() != null) {
            testSlack(channel.slackWebhookUrl(), text);
        } else if ("email".equals(channel.method()) && channel.emailTo() != null) {
            testEmail(organization, channel.emailTo(), channel.language(), text);
        } else if ("email".equals(channel.method()) && channel.unconfirmedEmail() != null) {
            throw ApiError.conflict("email_not_confirmed", "Nothing is e-mailed to " + channel.unconfirmedEmail()
                    + " until someone opens the confirmation link sent there: ask for one with POST "
                    + "/api/organization/notifications/email-confirmation");
        } else if ("whatsapp".equals(channel.method()) && channel.whatsapp().to() != null) {
            Delivery delivery = whatsapp.send(channel.whatsapp(), text);
            if (!delivery.sent()) {
                throw delivery.code() == null ? new ApiError(502, "whatsapp_failed", delivery.error())
                        : ApiError.unprocessable(delivery.code(), delivery.error());
            }
        } else {
            throw "email".equals(channel.method()) ? noEmailAddress() : ApiError.conflict("not_set_up",
                    "Notifications are off: choose slack, email or whatsapp, with what it needs, and save it first");
        }
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    /**
     * {@code POST .../email-confirmation}: a link to the address e-mail goes to (the organisation's, else its owner's), which
     * confirms it for the organisation's notices; 202.
     */
    public void confirmEmail(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        var channel = repository.channel(organization, null);
        String to = channel.unconfirmedEmail();
        if (to == null) {
            throw channel.emailTo() == null ? noEmailAddress()
                    : ApiError.conflict("already_confirmed", channel.emailTo() + " is confirmed: notices are e-mailed there");
        }
        switch (confirmations.request(organization, to, channel.language())) {
            case SENT -> { }
            case LIMITED -> throw new ApiError(429, "confirmation_limited", "A confirmation link goes to an address at most "
                    + "once a minute, and to five addresses of an organisation an hour: open the last one, or ask again later");
            case NO_MAIL_SERVER -> throw noMailServer();
            case FAILED -> throw emailFailed();
        }
        exchange.getMessage().setBody(new EmailConfirmationSent(to));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }

    private void testSlack(String storedWebhook, String text) {
        Delivery delivery = slack.post(storedWebhook, Map.of("text", text));
        if (delivery.outcome() == Delivery.Outcome.NOT_ALLOWED) {
            throw ApiError.unprocessable("url_not_allowed", "The Slack webhook URL must be on the public internet");
        }
        if (!delivery.sent()) {
            throw new ApiError(502, "slack_failed", "Slack did not take the message: " + delivery.error());
        }
    }

    private void testEmail(UUID organization, String to, String language, String text) {
        Delivery delivery = mail.send(to, texts.text("owner_mail.test_subject", language, Map.of()),
                text + "\n\n" + texts.text("owner_mail.footer", language, Map.of()));
        if (delivery.outcome() == Delivery.Outcome.NO_MAIL_SERVER) {
            throw noMailServer();
        }
        if (!delivery.sent()) {
            log.warn("The test e-mail of organisation {} failed: {}", organization, delivery.error());
            throw emailFailed();
        }
    }

    private static ApiError noEmailAddress() {
        return ApiError.conflict("not_set_up", "The organisation has no e-mail address and no active owner to write to");
    }

    private static ApiError emailFailed() {
        return new ApiError(502, "email_failed", "The hub's mail server did not take the e-mail; its operator's log says why");
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

    private NotificationSettings view(UUID organization, Map<String, Object> row) {
        var channel = repository.channel(organization, null);
        return new NotificationSettings((String) row.get("notification_method"), Boolean.TRUE.equals(row.get("has_slack_webhook")),
                Boolean.TRUE.equals(row.get("notify_alerts")), mail.available(), (String) row.get("notification_email"),
                channel.emailTo() != null ? channel.emailTo() : channel.unconfirmedEmail(), channel.emailTo() != null,
                (String) row.get("notification_phone"),
                (String) row.get("notify_whatsapp_template"), (String) row.get("notify_whatsapp_language"));
    }
}
