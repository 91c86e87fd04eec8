package hub.api.chatbot;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A tool the agent called in a trial, with its arguments and the result it got; {@code status} {@code not_executed}
 * for a tool that would change customers' data or notify someone, which a trial does not run.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TryToolCall(String name,
                          @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> arguments,
                          @Schema(nullable = true, description = "The tool's answer as the agent read it (usually JSON)") String result,
                          @Schema(allowableValues = {"success", "failed", "timeout", "skipped", "not_executed"}) String status) {
}
