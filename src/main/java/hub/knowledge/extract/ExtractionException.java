package hub.knowledge.extract;

/**
 * A document could not be turned into text. The message is written for the person who uploaded it
 * (it ends up in knowledge_sources.error_message): no stack trace, no file content; {@link #code()} says the
 * same for a program or a console in another language (knowledge_sources.error_code).
 */
public class ExtractionException extends RuntimeException {

    /** Why a document could not be read; {@link #code()} is the value APIs expose. */
    public enum Reason {
        /** Nothing to read: an empty file, or a PDF of scanned pages. */
        NO_TEXT("no_text"),
        PASSWORD_PROTECTED("password_protected"),
        /** Not a kind of document the knowledge base reads (the upload's 415 gives the same code). */
        UNSUPPORTED("unsupported_media_type"),
        /** Not a readable file of its type: damaged, or another format under its name. */
        UNREADABLE("unreadable"),
        /** Too many pages, characters or parts, too long to read, or expanding like a decompression bomb. */
        TOO_LARGE("document_too_large"),
        /** The stored original of an upload is gone. */
        ORIGINAL_MISSING("original_missing");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public ExtractionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ExtractionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String code() {
        return reason.code();
    }
}
