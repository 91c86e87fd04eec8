package hub.conversation;

import java.util.Map;
import java.util.UUID;

/**
 * One tool call asked for during a conversation turn; status is success, failed, timeout, or skipped
 * when it was not run because the turn's tool-call budget was spent.
 */
public record ToolExecution(String toolName, String toolType, UUID integrationId, Map<String, Object> arguments,
                            String result, String status, String errorMessage, long durationMs, int iteration) {

    public static final String SKIPPED = "skipped";

    /** False for a call that was never run (over the turn's budget). */
    public boolean executed() {
        return !SKIPPED.equals(status);
    }
}
