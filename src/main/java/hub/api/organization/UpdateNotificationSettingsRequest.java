package hub.api.organization;

import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/organization/notifications}: the method, and the Slack incoming webhook URL (https; write-only,
 * stored encrypted): left out keeps the stored one, null removes it. {@code slack} needs a webhook, {@code email} a hub
 * with a mail server. {@code alerts}: whether new alerts go there too; left out, unchanged.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateNotificationSettingsRequest(
        @NotNull @Pattern(regexp = "disabled|slack|email|whatsapp")
        @Schema(allowableValues = {"disabled", "slack", "email", "whatsapp"}) String method,
        @Schema(nullable = true, description = "https URL of a Slack incoming webhook; null removes it")
        Optional<@Size(min = 1, max = 2000) String> slackWebhookUrl,
        @Schema(nullable = true, description = "send new alerts where the notifications go too (slack or email); left out or null, unchanged")
        Boolean alerts) {
}
