package hub.api.tool;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /api/chatbots/{chatbotId}/tools}: gives the chatbot an integration's tools ({@code enabled}
 * true by default). A {@code settings_override} left out keeps the current one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EnableChatbotToolRequest(
        @NotNull UUID integrationId,
        Boolean enabled,
        @Schema(description = ChatbotTool.SETTINGS_OVERRIDE, implementation = ToolSettingsSchema.class)
        Map<String, Object> settingsOverride) {
}
