package hub.media;

/**
 * A customer's media could not be used. The message names what went wrong, never the media's content,
 * URL or the access token, so it can be logged and shown in an alert.
 */
public final class MediaException extends Exception {

    /** What went wrong; the alerts of one chatbot are deduplicated by it. */
    public enum Problem {
        /** Meta no longer has the media (expired or deleted) or refused the token. */
        UNAVAILABLE,
        /** Larger than hub.media.max-*-size. */
        TOO_LARGE,
        /** The bytes are not what the declared MIME type (or the SHA-256 Meta sent) says. */
        NOT_AS_DECLARED,
        /** The Graph API or the media host could not be reached in time. */
        DOWNLOAD_FAILED,
        /** The transcription provider failed or heard nothing. */
        TRANSCRIPTION_FAILED,
        /** The document could not be read or holds no text. */
        UNREADABLE_DOCUMENT
    }

    private final Problem problem;

    public MediaException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
