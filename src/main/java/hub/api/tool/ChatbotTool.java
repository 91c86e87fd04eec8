package hub.api.tool;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.tools.ToolKind;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One of the organisation's integrations as one chatbot sees it: whether it is enabled for the chatbot,
 * whether the integration itself is active, and the tools the chatbot's LLM is offered from it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatbotTool(UUID integrationId, ToolKind provider, String name, boolean enabled, boolean active,
                          @Schema(description = SETTINGS_OVERRIDE, implementation = ToolSettingsSchema.class)
                          Map<String, Object> settingsOverride,
                          List<ToolDefinition> tools) {

    static final String SETTINGS_OVERRIDE = "The chatbot's own settings over the integration's config: enabled_tools "
            + "(offer only these imported tools), description, parameters, llm_instructions. Data: nested keys are "
            + "the tools' and JSON Schema's, not the API's";
}
