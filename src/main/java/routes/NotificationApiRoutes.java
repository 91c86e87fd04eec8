package routes;

import hub.api.organization.NotificationSettings;
import hub.api.organization.UpdateNotificationSettingsRequest;
import org.springframework.stereotype.Component;
import processors.api.NotificationSettingsApi;

/** How the contact_owner tool notifies the organisation's owner (owner only in the console). */
@Component
public class NotificationApiRoutes extends ApiRoutes {

    private final NotificationSettingsApi settings;

    public NotificationApiRoutes(NotificationSettingsApi settings) {
        this.settings = settings;
    }

    @Override
    protected void routes() {
        rest("/api/organization/notifications").description("Owner notifications of the contact_owner tool")
                .get().id("api-notification-settings").description("The notification method and whether a Slack webhook is stored")
                    .outType(NotificationSettings.class)
                    .to(tenantJson("notification-settings", settings::read, "read-notification-settings"))
                .put().id("api-notification-settings-update")
                    .description("Set the notification method and the Slack incoming webhook (https, write-only, stored encrypted)")
                    .type(UpdateNotificationSettingsRequest.class).outType(NotificationSettings.class)
                    .to(tenantJson("notification-settings-update", settings::update, "update-notification-settings"))
                .post("/test").id("api-notification-test")
                    .description("Send a test message to the organisation's Slack, in its chatbot's language")
                    .responseMessage().code(204).message("Slack took the message").endResponseMessage()
                    .responseMessage(refusal(409, "Notifications do not go to a Slack webhook (slack_not_set_up)"))
                    .responseMessage(refusal(422, "The webhook's address is not on the public internet (url_not_allowed)"))
                    .responseMessage(refusal(502, "Slack did not take the message; the message says why (slack_failed)"))
                    .to(tenantJson("notification-test", settings::test, "send-test-notification"));
    }
}
