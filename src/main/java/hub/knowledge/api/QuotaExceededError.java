package hub.knowledge.api;

import java.util.LinkedHashMap;
import java.util.Map;

import hub.knowledge.store.QuotaExceeded;
import hub.web.ApiError;

/**
 * A knowledge quota refused the request: 403 with the usual error object plus which quota, its
 * current value, its maximum and what remains ({@code {"error":{"code":"quota_exceeded","message"},
 * "quotaType","current","max","remaining"}}). Storage figures are MiB, the others counts.
 */
public class QuotaExceededError extends ApiError {

    private final QuotaExceeded quota;

    public QuotaExceededError(QuotaExceeded quota) {
        super(403, "quota_exceeded", message(quota));
        this.quota = quota;
    }

    @Override
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(super.body());
        body.putAll(fields(quota));
        return body;
    }

    /** quotaType, current, max, remaining. */
    public static Map<String, Object> fields(QuotaExceeded quota) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("quotaType", quota.type().name());
        fields.put("current", quota.current());
        fields.put("max", quota.max());
        fields.put("remaining", quota.remaining());
        return fields;
    }

    public static String message(QuotaExceeded quota) {
        return switch (quota.type()) {
            case STORAGE_LIMIT_EXCEEDED -> "The knowledge storage quota (" + quota.max() + " MB) does not leave room for this file";
            case DAILY_INGESTION_LIMIT_EXCEEDED -> "The daily ingestion quota (" + quota.max() + " per day) is used up";
            case PDF_LIMIT_EXCEEDED -> "The document quota (" + quota.max() + " documents) is used up";
            case URL_LIMIT_EXCEEDED -> "The URL quota (" + quota.max() + " URLs) is used up";
        };
    }
}
