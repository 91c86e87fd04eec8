package hub.api.tool;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code DELETE /api/integrations/{integrationId}}: gone, from every chatbot too. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntegrationDeleted(UUID integrationId, boolean deleted) {
}
