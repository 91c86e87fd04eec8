package hub.api.organization;

import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/organization/notifications}: the method, and the settings it uses; each one left out keeps the
 * stored value, null removes it. The Slack incoming webhook URL is https, write-only and stored encrypted. {@code slack}
 * needs a webhook, {@code email} a hub with a mail server, {@code whatsapp} the owner's number; a template needs its
 * language. {@code alerts}: whether new alerts go there too; left out, unchanged.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateNotificationSettingsRequest(
        @NotNull @Pattern(regexp = "disabled|slack|email|whatsapp")
        @Schema(allowableValues = {"disabled", "slack", "email", "whatsapp"}) String method,
        @Schema(nullable = true, description = "https URL of a Slack incoming webhook; null removes it")
        Optional<@Size(min = 1, max = 2000) String> slackWebhookUrl,
        @Schema(nullable = true, description = "send new alerts where the notifications go too; left out or null, unchanged")
        Boolean alerts,
        @Schema(nullable = true, description = "where e-mail goes, such as the shop's shared inbox; null: the organisation's "
                + "first active owner's address", example = "tienda@example.com")
        Optional<@Email @Size(min = 3, max = 320) String> emailTo,
        @Schema(nullable = true, description = "the owner's WhatsApp number with its country code; null removes it",
                example = "+5215512345678")
        Optional<@Pattern(regexp = WHATSAPP_NUMBER, message = "must be a phone number with its country code, "
                + "8 to 15 digits (+5215512345678)") String> whatsappTo,
        @Schema(nullable = true, description = "an approved message template of the chatbot's WhatsApp Business Account "
                + "with one body parameter, {{1}}, that carries the notification; null: plain text, which WhatsApp delivers only "
                + "within 24 hours of the owner's last message to the chatbot's number", example = "owner_alert")
        Optional<@Pattern(regexp = "[a-z0-9_]{1,512}", message = "must be a template name: lower-case letters, digits and _")
                String> whatsappTemplate,
        @Schema(nullable = true, description = "the template's language code, as Meta lists it", example = "es_MX")
        Optional<@Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a language code such as es, es_MX or en_US")
                String> whatsappTemplateLanguage) {

    public static final String WHATSAPP_NUMBER = "\\+?[1-9][0-9]{7,14}";
}
