package hub.knowledge.extract;

import java.util.Locale;

/**
 * A document could not be turned into text. The message is written for the person who uploaded it
 * (it ends up in knowledge_sources.error_message): no stack trace, no file content; {@link #code()} says the
 * same for a program or a console in another language (knowledge_sources.error_code).
 */
public class ExtractionException extends RuntimeException {

    /** Why a document could not be read; {@link #code()} is the value APIs expose: the name in lower case. */
    public enum Reason {
        /** Nothing to read: an empty file, or a PDF of scanned pages. */
        NO_TEXT,
        PASSWORD_PROTECTED,
        /** Not a kind of document the knowledge base reads (the upload's 415 has the same code). */
        UNSUPPORTED_MEDIA_TYPE,
        /** Not a readable file of its type: damaged, or another format under its name. */
        UNREADABLE,
        /** Too many pages, characters or parts, too long to read, or expanding like a decompression bomb. */
        DOCUMENT_TOO_LARGE,
        /** The stored original of an upload is gone. */
        ORIGINAL_MISSING;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
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
