package hub.api.tool;

import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/integrations/{integrationId}}: fields left out stay. {@code description} is cleared with
 * null; {@code config} is merged into the current one (top-level keys); {@code credentials} replace the
 * current ones, null removes them. Switching an integration back on closes its circuit breaker.
 */
public record UpdateIntegrationRequest(
        @Schema(nullable = true) Optional<@Size(min = 1, max = 2000) String> description,
        @Schema(description = Integration.CONFIG, implementation = ToolSettingsSchema.class)
        Optional<Map<String, Object>> config,
        @Schema(description = "Replaces the current credentials; {} removes them") Optional<@Valid ToolServerCredentials> credentials,
        Optional<Boolean> active) {
}
