package hub.api.contact;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A tool the agent called for a reply, with the arguments it chose. */
public record MessageToolCall(String name,
                              @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                                      description = "The tool's own arguments, as the agent sent them") Map<String, Object> arguments) {
}
