package hub.api.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A customer who wrote to one of the organisation's chatbots. {@code conversation_mode} {@code manual} means
 * a human has taken the conversation over and the agent stays silent; {@code needs_person} that a customer
 * message waits for a person; {@code window_expires_at} when WhatsApp's 24-hour window for free text closes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Contact(UUID id, UUID chatbotId, String phoneNumber, @Schema(nullable = true) String name,
                      @Schema(allowableValues = {"auto", "manual"}) String conversationMode,
                      @Schema(nullable = true) OffsetDateTime modeChangedAt,
                      @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                              description = "The contact's variables: names the organisation chose, any JSON values")
                      Map<String, Object> variables,
                      List<String> tags, @Schema(nullable = true) OffsetDateTime lastMessageAt,
                      @Schema(nullable = true) OffsetDateTime lastInboundAt,
                      @Schema(nullable = true) OffsetDateTime lastOutboundAt, OffsetDateTime createdAt,
                      OffsetDateTime updatedAt, boolean needsPerson, @Schema(nullable = true) OffsetDateTime windowExpiresAt) {
}
