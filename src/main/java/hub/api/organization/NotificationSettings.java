package hub.api.organization;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the contact_owner tool and the alerts tell the organisation's owner: {@code disabled}, {@code slack} (to the
 * organisation's Slack incoming webhook, which is never shown: {@code has_slack_webhook} says whether one is stored),
 * {@code email} (to {@code email_to}, else the organisation's owner, through the hub's mail server:
 * {@code email_available} says whether the hub has one; once {@code email_confirmed}) or {@code whatsapp} (to {@code whatsapp_to}, from the chatbot's number, as the approved template
 * {@code whatsapp_template} or as text). {@code alerts}: the organisation's new alerts go there too.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotificationSettings(@Schema(allowableValues = {"disabled", "slack", "email", "whatsapp"}) String method,
                                   boolean hasSlackWebhook,
                                   @Schema(description = "new alerts (quota, failures) are sent where the notifications go "
                                           + "too, worded in the chatbot's language") boolean alerts,
                                   @Schema(description = "the hub has a mail server, so the email method can be chosen")
                                   boolean emailAvailable,
                                   @Schema(nullable = true, description = "where e-mail goes; null: the organisation's "
                                           + "first active owner's address") String emailTo,
                                   @Schema(nullable = true, description = "the address e-mail goes to: email_to, else the "
                                           + "first active owner's; null when there is neither") String emailRecipient,
                                   @Schema(description = "someone opened the confirmation link sent to email_recipient: "
                                           + "nothing else is e-mailed to an address before") boolean emailConfirmed,
                                   @Schema(nullable = true, description = "the owner's WhatsApp number (digits, with the country code)")
                                   String whatsappTo,
                                   @Schema(nullable = true, description = "the approved template that carries a WhatsApp "
                                           + "notification as its one body parameter; null: plain text")
                                   String whatsappTemplate,
                                   @Schema(nullable = true, description = "the template's language code, as Meta lists it")
                                   String whatsappTemplateLanguage) {
}
