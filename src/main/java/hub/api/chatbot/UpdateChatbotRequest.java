package hub.api.chatbot;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/chatbots/{id}}: fields left out stay as they are; {@code description} and {@code persona}
 * are cleared with null, the other fields cannot be. A new phone number id, or a new access token, needs
 * the access token that controls the number. {@code is_active} switches the chatbot on or off. A new
 * {@code language} re-indexes the chatbot's knowledge, and replaces the fallback and unsupported texts that
 * are still the previous language's defaults.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateChatbotRequest(
        Optional<@Size(min = 1, max = 200) String> name,
        @Schema(nullable = true, description = "null clears it") Optional<@Size(min = 1, max = 2000) String> description,
        Optional<@Size(min = 1, max = 64) @Pattern(regexp = CreateChatbotRequest.PHONE_NUMBER_ID,
                message = CreateChatbotRequest.PHONE_NUMBER_ID_RULE) String> whatsappPhoneNumberId,
        Optional<@Size(min = 1, max = 64) String> whatsappBusinessAccountId,
        Optional<@Size(min = 1, max = 32) String> whatsappDisplayPhoneNumber,
        Optional<@Size(min = 1, max = 4096) String> whatsappAccessToken,
        Optional<@Size(min = 1, max = 100) String> modelName,
        Optional<@Size(min = 1, max = 20_000) String> systemPrompt,
        @Schema(nullable = true, description = "null clears it") Optional<@Size(max = 5_000) String> persona,
        Optional<@DecimalMin("0") @DecimalMax("2") BigDecimal> temperature,
        Optional<Boolean> ragEnabled,
        Optional<@Size(min = 1, max = 4096) String> fallbackMessageError,
        Optional<@Size(min = 1, max = 4096) String> fallbackMessageLimit,
        Optional<@Size(min = 1, max = 4096) String> unsupportedMessage,
        Optional<@Size(min = 1, max = 4096) String> pleaseWriteMessage,
        Optional<@Size(min = 1, max = 4096) String> handoffMessage,
        Optional<@Size(min = 1, max = 4096) String> handoffMessageClosed,
        @Schema(nullable = true, description = Chatbot.BUSINESS_HOURS + "; null clears it", example = Chatbot.BUSINESS_HOURS_EXAMPLE)
        Optional<@Size(max = 7) Map<String, String>> businessHours,
        @Schema(description = "an IANA time zone id", example = "America/Mexico_City")
        Optional<@Size(min = 1, max = 64) String> timeZone,
        Optional<@Pattern(regexp = CreateChatbotRequest.LANGUAGE, message = CreateChatbotRequest.LANGUAGE_RULE) String> language,
        Optional<Boolean> isActive) {
}
