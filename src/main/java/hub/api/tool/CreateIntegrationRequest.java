package hub.api.tool;

import java.util.Map;
import java.util.Optional;

import hub.tools.ToolKind;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/integrations}: a {@code route} integration names a YAML route tool (its name, or
 * {@code config.route}), a {@code builtin} one a built-in tool; {@code http} and {@code mcp} need
 * {@code config.server_url}. An integration starts active unless {@code active} is false.
 */
public record CreateIntegrationRequest(
        @NotNull ToolKind provider,
        @NotBlank @Size(max = 100) String name,
        @Schema(nullable = true) @Size(min = 1, max = 2000) String description,
        @Schema(nullable = true, description = Integration.CONFIG, implementation = ToolSettingsSchema.class)
        Map<String, Object> config,
        Optional<@Valid ToolServerCredentials> credentials,
        @Schema(nullable = true) Boolean active) {
}
