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
 * it (checked with Meta); everything else has a default. A chatbot starts active. {@code language} (default
 * {@code es}) chooses the default fallback and unsupported texts, the hub's prompt texts and how the chatbot's
 * knowledge is searched (stemming).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateChatbotRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(min = 1, max = 2000) String description,
        @NotBlank @Size(max = 64) @Pattern(regexp = PHONE_NUMBER_ID, message = PHONE_NUMBER_ID_RULE) String whatsappPhoneNumberId,
        @Size(min = 1, max = 64) String whatsappBusinessAccountId,
        @Size(min = 1, max = 32) String whatsappDisplayPhoneNumber,
        @NotBlank @Size(max = 4096) String whatsappAccessToken,
        @Size(min = 1, max = 100) String modelName,
        @Size(min = 1, max = 20_000) String systemPrompt,
        @Size(max = 5_000) String persona,
        @DecimalMin("0") @DecimalMax("2") BigDecimal temperature,
        Boolean ragEnabled,
        @Size(min = 1, max = 4096) String fallbackMessageError,
        @Size(min = 1, max = 4096) String fallbackMessageLimit,
        @Size(min = 1, max = 4096) String unsupportedMessage,
        @Size(min = 1, max = 4096) String pleaseWriteMessage,
        @Size(min = 1, max = 4096) String handoffMessage,
        @Size(min = 1, max = 4096) String handoffMessageClosed,
        @Schema(nullable = true, description = Chatbot.BUSINESS_HOURS) @Size(max = 7) java.util.Map<String, String> businessHours,
        @Size(min = 1, max = 64) String timeZone,
        @Pattern(regexp = LANGUAGE, message = LANGUAGE_RULE) String language) {

    public static final String PHONE_NUMBER_ID = "[A-Za-z0-9_-]{1,64}";
    public static final String PHONE_NUMBER_ID_RULE = "must be Meta's phone number id (letters, digits, - and _)";
    public static final String LANGUAGE = "[a-z]{2}";
    public static final String LANGUAGE_RULE = "must be an ISO 639-1 language code such as es, en or pt";
}
