package hub.api.chatbot;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/admin/chatbots/{id}/whatsapp-number}: the operator's assignment, without Meta's ownership check. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssignNumberRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = CreateChatbotRequest.PHONE_NUMBER_ID,
                message = CreateChatbotRequest.PHONE_NUMBER_ID_RULE) String whatsappPhoneNumberId,
        @Size(min = 1, max = 4096) String whatsappAccessToken,
        @Size(min = 1, max = 64) String whatsappBusinessAccountId,
        @Size(min = 1, max = 32) String whatsappDisplayPhoneNumber) {
}
