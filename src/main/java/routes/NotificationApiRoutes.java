package routes;

import hub.api.organization.EmailConfirmationSent;
import hub.api.organization.NotificationSettings;
import hub.api.organization.UpdateNotificationSettingsRequest;
import org.springframework.stereotype.Component;
import processors.api.NotificationSettingsApi;

/** How the contact_owner tool and the alerts notify the organisation's owner (owner only in the console). */
@Component
public class NotificationApiRoutes extends ApiRoutes {

    private final NotificationSettingsApi settings;

    public NotificationApiRoutes(NotificationSettingsApi settings) {
        this.settings = settings;
    }

    @Override
    protected void routes() {
        rest("/api/organization/notifications").description("Owner notifications of the contact_owner tool and of alerts")
                .get().id("api-notification-settings")
                    .description("The notification method, whether a Slack webhook is stored, whether the hub can send e-mail, "
                            + "and the owner's WhatsApp number and template")
                    .outType(NotificationSettings.class)
                    .to(tenantJson("notification-settings", settings::read, "read-notification-settings"))
                .put().id("api-notification-settings-update")
                    .description("Set the notification method and what it needs: the Slack incoming webhook (https, write-only, "
                            + "stored encrypted), or the owner's WhatsApp number and template")
                    .type(UpdateNotificationSettingsRequest.class).outType(NotificationSettings.class)
                    .responseMessage(refusal(409, "The email method on a hub without a mail server (email_not_available)"))
                    .to(tenantJson("notification-settings-update", settings::update, "update-notification-settings"))
                .post("/test").id("api-notification-test")
                    .description("Send a test message where the notifications go (Slack, the owner's e-mail or WhatsApp), in the "
                            + "chatbot's language")
                    .responseMessage().code(204).message("Slack, the mail server or WhatsApp took the message").endResponseMessage()
                    .responseMessage(refusal(409, "Notifications are off or the organisation has no owner to e-mail (not_set_up), "
                            + "go by e-mail on a hub without a mail server (email_not_available), or to an address nobody "
                            + "confirmed yet (email_not_confirmed)"))
                    .responseMessage(refusal(422, "The webhook's address is not on the public internet (url_not_allowed); WhatsApp "
                            + "refused text more than 24 hours after the owner last wrote (whatsapp_window_closed), or the template "
                            + "(template_not_found, template_parameters_mismatch)"))
                    .responseMessage(refusal(502, "Slack (slack_failed), the hub's mail server (email_failed) or WhatsApp "
                            + "(whatsapp_failed) did not take the message; for Slack and WhatsApp, the message says why"))
                    .to(tenantJson("notification-test", settings::test, "send-test-notification"))
                .post("/email-confirmation").id("api-notification-email-confirmation")
                    .description("E-mail a confirmation link to the address e-mail notices go to (email_recipient): nothing "
                            + "else is e-mailed there until someone opens it, within 7 days")
                    .responseMessage(response(202, "The link was sent", EmailConfirmationSent.class))
                    .responseMessage(refusal(409, "The address is confirmed (already_confirmed), there is no address "
                            + "(not_set_up), or the hub has no mail server (email_not_available)"))
                    .responseMessage(refusal(429, "A link went to this address in the last minute, or to five addresses of "
                            + "the organisation in the last hour (confirmation_limited)"))
                    .responseMessage(refusal(502, "The hub's mail server did not take the e-mail (email_failed)"))
                    .to(tenantJson("notification-email-confirmation", settings::confirmEmail, "request-email-confirmation"));
    }
}
