package hub.api.tool;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code PATCH /api/chatbots/{chatbotId}/tools/{integrationId}}: switches an integration the chatbot uses
 * on or off, or changes its override; fields left out stay, a {@code settings_override} sent as null is cleared.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateChatbotToolRequest(
        Optional<Boolean> enabled,
        @Schema(nullable = true, description = ChatbotTool.SETTINGS_OVERRIDE, additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Optional<Map<String, Object>> settingsOverride) {
}
