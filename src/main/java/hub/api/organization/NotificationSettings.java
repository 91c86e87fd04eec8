package hub.api.organization;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the contact_owner tool tells the organisation's owner that a customer needs a person: {@code disabled},
 * {@code slack} (to the organisation's Slack incoming webhook, which is never shown: {@code has_slack_webhook} says
 * whether one is stored) or {@code email} (to the organisation's owner, through the hub's mail server:
 * {@code email_available} says whether the hub has one); {@code whatsapp} is accepted but not delivered yet (the tool
 * tells the agent the owner was not notified). {@code alerts}: the organisation's new alerts go there too.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationSettings(@Schema(allowableValues = {"disabled", "slack", "email", "whatsapp"}) String method,
                                   boolean hasSlackWebhook,
                                   @Schema(description = "new alerts (quota, failures) are sent where the notifications go "
                                           + "(Slack or e-mail), worded in the chatbot's language") boolean alerts,
                                   @Schema(description = "the hub has a mail server, so the email method can be chosen")
                                   boolean emailAvailable) {
}
