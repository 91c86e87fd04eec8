package hub.knowledge.api;

import hub.knowledge.extract.UnsupportedDocumentException;
import hub.knowledge.fetch.FetchException;
import hub.knowledge.store.ChatbotNotAcceptingException;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.QuotaExceeded;
import hub.web.ApiError;

/** How the knowledge base's exceptions answer over HTTP. */
public final class KnowledgeApiErrors {

    private KnowledgeApiErrors() {
    }

    /** The API error for a failure, or null when it is not a refusal (the caller answers 503). */
    public static ApiError translate(Throwable cause) {
        if (cause instanceof ApiError api) {
            return api;
        }
        if (cause instanceof KnowledgeNotFoundException e) {
            return ApiError.notFound(e.getMessage());
        }
        if (cause instanceof ChatbotNotAcceptingException e) {
            return new ApiError(409, e.code().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
        }
        if (cause instanceof QuotaExceeded e) {
            return new QuotaExceededError(e);
        }
        if (cause instanceof UnsupportedDocumentException e) {
            return new ApiError(415, "unsupported_media_type", e.getMessage());
        }
        if (cause instanceof FetchException e) {
            return fetch(e);
        }
        return null;
    }

    /**
     * A URL refused or a site that could not be crawled: 400 for the URL itself (invalid, not allowed),
     * 422 for an unknown host or what the site answered, 504 for a timeout.
     */
    public static ApiError fetch(FetchException e) {
        int status = switch (e.reason()) {
            case INVALID_URL, URL_NOT_ALLOWED -> 400;
            case TIMEOUT -> 504;
            case INTERRUPTED -> 503;
            default -> 422;
        };
        return new ApiError(status, e.code(), e.getMessage());
    }

    /** The {@code error} object of a per-item result (batch ingestion). */
    public static hub.web.ErrorBody.Error errorObject(Throwable cause) {
        ApiError error = translate(cause);
        if (error == null) {
            error = new ApiError(503, "temporarily_unavailable", "The URL could not be accepted now; retry later");
        }
        return error.body().error();
    }
}
