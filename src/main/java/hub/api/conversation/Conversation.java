package hub.api.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A conversation of the inbox: the customer, the chatbot, who answers ({@code conversation_mode}), whether a
 * customer message waits for a person ({@code needs_person}), customer messages not read yet, the newest
 * message, and when WhatsApp's 24-hour window for free text closes (null: the customer never wrote).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Conversation(UUID contactId, @Schema(nullable = true) String name, String phone, UUID chatbotId,
                           String chatbotName, @Schema(allowableValues = {"auto", "manual"}) String conversationMode,
                           boolean needsPerson, int unreadCount, @Schema(nullable = true) LastMessage lastMessage,
                           @Schema(nullable = true) OffsetDateTime lastCustomerMessageAt,
                           @Schema(nullable = true) OffsetDateTime windowExpiresAt) {
}
