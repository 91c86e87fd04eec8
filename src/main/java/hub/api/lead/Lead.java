package hub.api.lead;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A lead the agent captured (capture_lead): the customer's WhatsApp number and what they told, per chatbot;
 * {@code contact_count} counts the captures of the same number.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Lead(long id, UUID chatbotId, String chatbotName, @Schema(nullable = true) UUID contactId, String phone,
                   @Schema(nullable = true) String name, @Schema(nullable = true) String email,
                   @Schema(nullable = true) String company, @Schema(nullable = true) Integer estimatedMessages,
                   @Schema(nullable = true) String notes, int contactCount, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt) {
}
