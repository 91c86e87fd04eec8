package hub.alerts;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An operational alert, the body of {@code direct:alert}. Alerts with the same dedup key within the
 * dedup window are counted on one row and notified once.
 */
public record Alert(UUID organizationId, UUID chatbotId, Type type, Severity severity, String message,
                    Map<String, Object> metadata, String dedupKey) {

    /** What went wrong (stored as its name: system_alerts.type). */
    public enum Type {
        QUOTA_EXCEEDED, QUOTA_WARNING, RATE_LIMIT_EXCEEDED, LLM_FAILURE, DELIVERY_FAILURE, TOOL_FAILURE, RAG_FAILURE,
        INGESTION_FAILURE, WEBHOOK_FAILURE, SECURITY_WARNING, OTHER
    }

    /** How urgent (stored lower-case: system_alerts.severity). */
    public enum Severity {
        INFO, WARNING, ERROR, CRITICAL;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
