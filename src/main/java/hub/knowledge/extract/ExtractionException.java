package hub.knowledge.extract;

/**
 * A document could not be turned into text. The message is written for the person who uploaded it
 * (it ends up in knowledge_sources.error_message): no stack trace, no file content.
 */
public class ExtractionException extends RuntimeException {

    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
