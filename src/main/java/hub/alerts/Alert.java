package hub.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import hub.ExchangeKeys;
import org.apache.camel.Exchange;

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

    /** The alerts a turn has raised so far ({@link ExchangeKeys#ALERTS}), to add to; an empty list on first use. */
    @SuppressWarnings("unchecked")
    public static List<Alert> raisedBy(Exchange exchange) {
        List<Alert> alerts = exchange.getProperty(ExchangeKeys.ALERTS, List.class);
        if (alerts == null) {
            alerts = new ArrayList<>();
            exchange.setProperty(ExchangeKeys.ALERTS, alerts);
        }
        return alerts;
    }

    /** How urgent (stored lower-case: system_alerts.severity). */
    public enum Severity {
        INFO, WARNING, ERROR, CRITICAL;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
