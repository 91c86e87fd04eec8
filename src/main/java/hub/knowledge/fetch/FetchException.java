package hub.knowledge.fetch;

/**
 * A URL could not be fetched or crawled. {@link #getMessage()} is meant for the user (it names the host,
 * never a query string or a body); {@link #code()} is a stable machine code for APIs and source status.
 */
public class FetchException extends RuntimeException {

    /** Why a fetch failed; {@link #code()} is the value APIs expose. */
    public enum Reason {
        /** The text is not a usable absolute URL. */
        INVALID_URL("invalid_url"),
        /** Scheme other than http/https, credentials in the URL, or a host that is not on the public internet. */
        URL_NOT_ALLOWED("url_not_allowed"),
        /** Host not found, connection refused or reset, TLS failure. */
        UNREACHABLE("unreachable"),
        /** Connecting or receiving the response took longer than the policy allows. */
        TIMEOUT("timeout"),
        /** The response body is larger than the policy allows. */
        TOO_LARGE("too_large"),
        /** More redirects than the policy allows (or a redirect loop). */
        TOO_MANY_REDIRECTS("too_many_redirects"),
        /** The server answered with an error status (see {@link #httpStatus()}). */
        HTTP_ERROR("http_error"),
        /** The response is not of a content type the caller can use (e.g. an image where HTML was expected). */
        UNSUPPORTED_CONTENT("unsupported_content"),
        /** robots.txt of the site does not let us fetch the URL. */
        ROBOTS_DISALLOWED("robots_disallowed"),
        /** A redirect leaves the site being crawled. */
        OFF_SITE_REDIRECT("off_site_redirect"),
        /** The calling thread was interrupted (shutdown or cancelled request). */
        INTERRUPTED("interrupted");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final int httpStatus;

    public FetchException(Reason reason, String message) {
        this(reason, message, 0, null);
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        this(reason, message, 0, cause);
    }

    public FetchException(Reason reason, String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.httpStatus = httpStatus;
    }

    public Reason reason() {
        return reason;
    }

    /** The machine code, e.g. {@code url_not_allowed}. */
    public String code() {
        return reason.code();
    }

    /** The HTTP status for {@code http_error}, otherwise 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
