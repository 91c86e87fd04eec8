package hub.api.tool;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/integrations/{integrationId}/import}: the tools the server lists, now in {@code config.tools}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportedTools(UUID integrationId, int imported, List<ToolDefinition> tools) {
}
