package hub.api.tool;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The organisation's integrations as the chatbot uses them, and the route tools an integration can name. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatbotToolList(List<ChatbotTool> items, List<AvailableRouteTool> routeTools) {
}
