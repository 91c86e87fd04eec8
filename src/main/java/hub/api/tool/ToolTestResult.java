package hub.api.tool;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.tools.ToolKind;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/chatbots/{chatbotId}/tools/{toolName}/test}: what the tool answered, as the agent would
 * have seen it. {@code error} says why a failed or timed-out call failed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolTestResult(String tool, ToolKind type,
                             @Schema(allowableValues = {"success", "failed", "timeout"}) String status,
                             @Schema(description = "The tool's answer as the tool gave it (its keys are the tool's); an answer "
                                     + "that is not a JSON object is under \"result\"",
                                     additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> result,
                             @Schema(nullable = true) String error, long durationMs) {
}
