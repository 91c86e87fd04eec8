package hub.whatsapp.graph;

import java.util.List;
import java.util.Set;

/**
 * A Graph API call that failed. Carries what callers need to classify the failure without parsing
 * messages: the HTTP status (0 for I/O errors, timeouts and failures detected before any request),
 * Meta's {@code error.code} when the response had one, whether trying again later may succeed, and
 * whether the call was refused by the number's open circuit breaker.
 */
public class GraphApiException extends RuntimeException {

    /** Meta codes for throughput, pair-rate and API-call limits. */
    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 80007, 130429, 131056);

    private final int httpStatus;
    private final Integer errorCode;
    private final String errorTitle;
    private final boolean retryable;
    private final boolean circuitOpen;
    private final List<String> deliveredWamids;

    public GraphApiException(String message, int httpStatus, Integer errorCode, String errorTitle,
                             boolean retryable, boolean circuitOpen, Throwable cause) {
        this(message, httpStatus, errorCode, errorTitle, retryable, circuitOpen, List.of(), cause);
    }

    private GraphApiException(String message, int httpStatus, Integer errorCode, String errorTitle,
                              boolean retryable, boolean circuitOpen, List<String> deliveredWamids,
                              Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorTitle = errorTitle;
        this.retryable = retryable;
        this.circuitOpen = circuitOpen;
        this.deliveredWamids = List.copyOf(deliveredWamids);
    }

    /** A failure detected before any HTTP request (no token, bad input): never retryable. */
    static GraphApiException rejected(String message) {
        return new GraphApiException(message, 0, null, null, false, false, null);
    }

    /** This failure, noting the wamids of the earlier parts of a split text that were delivered. */
    GraphApiException afterDelivered(List<String> wamids) {
        if (wamids.isEmpty()) {
            return this;
        }
        GraphApiException copy = new GraphApiException(getMessage() + " (after " + wamids.size()
                + " delivered part(s))", httpStatus, errorCode, errorTitle, retryable, circuitOpen, wamids,
                getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** HTTP status of the failed response; 0 when there was none (I/O error, timeout, open circuit, bad input). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Meta's {@code error.code} (e.g. 131047 outside the 24-hour window, 190 expired token), or null. */
    public Integer errorCode() {
        return errorCode;
    }

    /** Meta's error title ({@code error_user_title}, else {@code error.type}), or null. */
    public String errorTitle() {
        return errorTitle;
    }

    /** True when the same request may succeed later (429, 5xx, I/O, open circuit). */
    public boolean retryable() {
        return retryable;
    }

    /** True when no request was made because the number's circuit breaker is open. */
    public boolean circuitOpen() {
        return circuitOpen;
    }

    /** True for HTTP 429 and Meta's rate-limit codes (130429, 131056, 4, 80007). */
    public boolean rateLimited() {
        return httpStatus == 429 || (errorCode != null && RATE_LIMIT_CODES.contains(errorCode));
    }

    /**
     * Wamids of the parts of a split text that were delivered before this failure, in order; empty
     * when nothing was delivered.
     */
    public List<String> deliveredWamids() {
        return deliveredWamids;
    }
}
