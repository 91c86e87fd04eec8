package hub.api.organization;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the contact_owner tool tells the organisation's owner that a customer needs a person: {@code disabled}, or
 * {@code slack} (to the organisation's Slack incoming webhook, which is never shown: {@code has_slack_webhook} says
 * whether one is stored); {@code email} and {@code whatsapp} are accepted but not delivered yet (the tool tells the
 * agent the owner was not notified). {@code alerts}: the organisation's new alerts are posted to its Slack too.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationSettings(@Schema(allowableValues = {"disabled", "slack", "email", "whatsapp"}) String method,
                                   boolean hasSlackWebhook,
                                   @Schema(description = "new alerts (quota, failures) are posted to the Slack webhook too, "
                                           + "worded in the chatbot's language") boolean alerts) {
}
