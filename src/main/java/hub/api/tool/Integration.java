package hub.api.tool;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.tools.ToolKind;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An organisation's integration, where tools come from. Its credentials are never shown:
 * {@code has_credentials} says whether it has some.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Integration(UUID id, ToolKind provider, String name, @Schema(nullable = true) String description,
                          @Schema(description = CONFIG, implementation = ToolSettingsSchema.class)
                          Map<String, Object> config,
                          boolean active, boolean hasCredentials, @Schema(nullable = true) OffsetDateTime lastDiscoveredAt,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String CONFIG = "The provider's settings: server_url (http, mcp), route (route), description, "
            + "parameters (a JSON Schema), llm_instructions, tools (imported from the server). Data: nested keys are "
            + "the tools' and JSON Schema's, not the API's";
}
