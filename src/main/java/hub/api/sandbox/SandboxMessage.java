package hub.api.sandbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A reply the hub recorded instead of sending it (sandbox mode): to whom, from which number, its text. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SandboxMessage(long id, UUID chatbotId, String whatsappPhoneNumberId, String recipient, String whatsappMessageId,
                             @Schema(nullable = true, description = "the text of a text message") String text,
                             OffsetDateTime createdAt) {
}
