package hub.conversation;

import java.util.Map;
import java.util.UUID;

/** One tool call made during a conversation turn; status is success, failed or timeout. */
public record ToolExecution(String toolName, String toolType, UUID integrationId, Map<String, Object> arguments,
                            String result, String status, String errorMessage, long durationMs, int iteration) {
}
