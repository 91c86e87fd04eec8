package hub.api.contact;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A tool run while answering a message: which, with what, how it went and how long it took. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageToolExecution(
        String toolName, @Schema(allowableValues = {"builtin", "route", "http", "mcp", "unknown"}) String toolType,
        @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "The tool's own arguments, as the agent sent them") Map<String, Object> arguments,
        @Schema(allowableValues = {"pending", "success", "failed", "timeout", "skipped"}) String status,
        @Schema(nullable = true) String errorMessage, @Schema(nullable = true) Integer executionTimeMs, int iteration) {
}
