package hub.api.tool;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A tool as the LLM is offered it: name, description and the JSON Schema of its arguments. */
public record ToolDefinition(String name, @Schema(nullable = true) String description,
                             @Schema(description = "JSON Schema of the arguments (its keys are JSON Schema's)",
                                     additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                             Map<String, Object> parameters) {
}
