package hub.api.chatbot;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/admin/chatbots/{id}/whatsapp-number}: the operator's assignment, without Meta's ownership check. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssignNumberRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = CreateChatbotRequest.PHONE_NUMBER_ID,
                message = CreateChatbotRequest.PHONE_NUMBER_ID_RULE) String whatsappPhoneNumberId,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String whatsappAccessToken,
        @Schema(nullable = true) @Size(min = 1, max = 64) String whatsappBusinessAccountId,
        @Schema(nullable = true) @Size(min = 1, max = 32) String whatsappDisplayPhoneNumber) {
}
