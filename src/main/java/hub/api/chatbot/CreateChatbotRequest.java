package hub.api.chatbot;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/chatbots}: a name and the WhatsApp phone number id with an access token that controls
 * it (checked with Meta); everything else has a default, taken when a field is left out or null. A chatbot starts active. {@code language} (default
 * {@code es}) chooses the default fallback and unsupported texts, the hub's prompt texts and how the chatbot's
 * knowledge is searched (stemming).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateChatbotRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(nullable = true) @Size(min = 1, max = 2000) String description,
        @NotBlank @Size(max = 64) @Pattern(regexp = PHONE_NUMBER_ID, message = PHONE_NUMBER_ID_RULE) String whatsappPhoneNumberId,
        @Schema(nullable = true) @Size(min = 1, max = 64) String whatsappBusinessAccountId,
        @Schema(nullable = true) @Size(min = 1, max = 32) String whatsappDisplayPhoneNumber,
        @NotBlank @Size(max = 4096) String whatsappAccessToken,
        @Schema(nullable = true) @Size(min = 1, max = 100) String modelName,
        @Schema(nullable = true) @Size(min = 1, max = 20_000) String systemPrompt,
        @Schema(nullable = true) @Size(max = 5_000) String persona,
        @Schema(nullable = true) @DecimalMin("0") @DecimalMax("2") BigDecimal temperature,
        @Schema(nullable = true) Boolean ragEnabled,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String fallbackMessageError,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String fallbackMessageLimit,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String unsupportedMessage,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String pleaseWriteMessage,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String handoffMessage,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String handoffMessageClosed,
        @Schema(nullable = true, description = Chatbot.BUSINESS_HOURS, example = Chatbot.BUSINESS_HOURS_EXAMPLE)
        @Size(max = 7) java.util.Map<String, String> businessHours,
        @Schema(nullable = true, description = "an IANA time zone id", example = "America/Mexico_City")
        @Size(min = 1, max = 64) String timeZone,
        @Schema(nullable = true) @Pattern(regexp = LANGUAGE, message = LANGUAGE_RULE) String language) {

    public static final String PHONE_NUMBER_ID = "[A-Za-z0-9_-]{1,64}";
    public static final String PHONE_NUMBER_ID_RULE = "must be Meta's phone number id (letters, digits, - and _)";
    public static final String LANGUAGE = "[a-z]{2}";
    public static final String LANGUAGE_RULE = "must be an ISO 639-1 language code such as es, en or pt";
}
