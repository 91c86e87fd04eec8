package hub.api.tool;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code DELETE /api/chatbots/{chatbotId}/tools/{integrationId}}: the chatbot no longer uses the integration. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatbotToolRemoved(UUID integrationId, boolean removed) {
}
