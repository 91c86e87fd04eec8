package hub.knowledge.api;

import hub.knowledge.store.QuotaExceeded;
import hub.web.ApiError;
import hub.web.ErrorBody;

/**
 * A knowledge quota refused the request: 403 with the usual error object plus which quota, its
 * current value, its maximum and what remains ({@code {"error":{"code":"quota_exceeded","message",
 * "quota":{"type","current","max","remaining"}}}}). Storage figures are MiB, the others counts.
 */
public class QuotaExceededError extends ApiError {

    private final QuotaExceeded quota;

    public QuotaExceededError(QuotaExceeded quota) {
        super(403, "quota_exceeded", message(quota));
        this.quota = quota;
    }

    @Override
    public ErrorBody body() {
        return new ErrorBody(new ErrorBody.Error(code(), getMessage(), quota(quota)));
    }

    public static ErrorBody.Quota quota(QuotaExceeded quota) {
        return new ErrorBody.Quota(quota.type().name(), quota.current(), quota.max(), quota.remaining());
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
