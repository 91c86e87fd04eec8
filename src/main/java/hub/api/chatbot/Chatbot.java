package hub.api.chatbot;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A chatbot as the API shows it. The WhatsApp access token is never shown: {@code has_access_token} says
 * whether one is set. {@code disabled_reason}: null when active, {@code operator} or {@code quota}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Chatbot(UUID id, String name, @Schema(nullable = true) String description, String whatsappPhoneNumberId,
                      @Schema(nullable = true) String whatsappBusinessAccountId,
                      @Schema(nullable = true) String whatsappDisplayPhoneNumber, boolean hasAccessToken,
                      String modelName, String systemPrompt, String persona, BigDecimal temperature, boolean ragEnabled,
                      boolean isActive, @Schema(nullable = true, allowableValues = {"operator", "quota"}) String disabledReason,
                      String fallbackMessageError, String fallbackMessageLimit,
                      String unsupportedMessage,
                      @Schema(description = "sent when a voice note cannot be transcribed or a customer's file cannot be read")
                      String pleaseWriteMessage,
                      @Schema(description = "told the customer when the agent hands the conversation to a person within business hours")
                      String handoffMessage,
                      @Schema(description = "told the customer on a handoff outside business hours; {date}, {time} and {time_zone} "
                              + "say when the next opening is") String handoffMessageClosed,
                      @Schema(nullable = true, description = BUSINESS_HOURS, example = BUSINESS_HOURS_EXAMPLE)
                      java.util.Map<String, String> businessHours,
                      @Schema(description = "IANA time zone of business_hours") String timeZone,
                      @Schema(description = "ISO 639-1 code (es, en, pt, ...): the language of the chatbot's knowledge search and of the hub's own texts",
                              example = "es") String language,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static final String BUSINESS_HOURS_EXAMPLE = "{\"mon\":\"09:00-18:00\",\"sat\":\"10:00-14:00\"}";
    public static final String BUSINESS_HOURS = "when a person answers: one range a weekday, e.g. " + BUSINESS_HOURS_EXAMPLE
            + " (mon..sun; a day left out is closed); null = at any time";
}
