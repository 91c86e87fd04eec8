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
 * dedup window are counted on one row and notified once. The message is the hub's English text; the reason
 * and the metadata (snake_case keys, {@code detail} for a text that came from outside, such as a provider's
 * error) let the console say the same in the person's language.
 */
public record Alert(UUID organizationId, UUID chatbotId, Reason reason, Severity severity, String message,
                    Map<String, Object> metadata, String dedupKey) {

    /** The area that went wrong (stored as its name: system_alerts.type). */
    public enum Type {
        QUOTA_EXCEEDED, QUOTA_WARNING, RATE_LIMIT_EXCEEDED, LLM_FAILURE, DELIVERY_FAILURE, TOOL_FAILURE, RAG_FAILURE,
        INGESTION_FAILURE, WEBHOOK_FAILURE, SECURITY_WARNING, OTHER
    }

    /** What happened, within its type (stored lower-case: system_alerts.reason). */
    public enum Reason {
        QUOTA_EXCEEDED(Type.QUOTA_EXCEEDED), QUOTA_WARNING(Type.QUOTA_WARNING),
        HOURLY_LIMIT(Type.RATE_LIMIT_EXCEEDED), CUSTOMER_RATE_LIMIT(Type.RATE_LIMIT_EXCEEDED),
        LLM_FAILED(Type.LLM_FAILURE), LLM_LIMIT(Type.LLM_FAILURE), TURN_TIMEOUT(Type.LLM_FAILURE),
        TRANSCRIPTION_FAILED(Type.LLM_FAILURE), MEDIA_UNUSABLE(Type.OTHER),
        SEND_FAILED(Type.DELIVERY_FAILURE), RESEND_FAILED(Type.DELIVERY_FAILURE), NOT_DELIVERED(Type.DELIVERY_FAILURE),
        META_ERROR(Type.WEBHOOK_FAILURE), MESSAGE_PARKED(Type.WEBHOOK_FAILURE), MESSAGE_STUCK(Type.WEBHOOK_FAILURE),
        MESSAGE_DROPPED(Type.WEBHOOK_FAILURE), UNKNOWN_NUMBER(Type.WEBHOOK_FAILURE),
        TOOL_PAUSED(Type.TOOL_FAILURE),
        /** raised by the database's billing rollover (V4, V28), never by Java code */
        BILLING_PERIOD_RESET(Type.OTHER);

        private final Type type;

        Reason(Type type) {
            this.type = type;
        }

        public Type type() {
            return type;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Type type() {
        return reason.type();
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
