package hub.alerts;

import java.util.Map;
import java.util.UUID;

/**
 * An operational alert, the body of {@code direct:alert}. Alerts with the same dedup key within the
 * dedup window are counted on one row and notified once.
 */
public record Alert(UUID organizationId, UUID chatbotId, String type, String severity, String message,
                    Map<String, Object> metadata, String dedupKey) {
}
