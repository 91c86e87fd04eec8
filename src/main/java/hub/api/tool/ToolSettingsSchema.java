package hub.api.tool;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The documented shape of an integration's {@code config} and a chatbot's {@code settings_override}: the keys the
 * hub builds the agent's tools from ({@code hub.tools.ToolSettings} checks their types); any other key is the
 * organisation's own and kept as sent. Only the API document uses it (not for a PATCH's settings_override, which
 * may be null: a referenced schema cannot say so).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record ToolSettingsSchema(
        @Schema(nullable = true, description = "http and mcp: the server's URL") String serverUrl,
        @Schema(nullable = true, description = "route: the route tool's name, when it is not the integration's",
                example = "calculate_pricing") String route,
        @Schema(nullable = true, description = "what the model is told the tool does") String description,
        @Schema(nullable = true, additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "JSON Schema of an object: the tool's arguments (its keys are JSON Schema's)")
        Map<String, Object> parameters,
        @Schema(nullable = true, description = "how the model should use the tool") String llmInstructions,
        @ArraySchema(arraySchema = @Schema(nullable = true, description = "the tools imported from the server"))
        List<ToolDefinition> tools,
        @ArraySchema(arraySchema = @Schema(nullable = true, description = "offer only these imported tools"))
        List<String> enabledTools) {
}
