package hub.knowledge.embed;

/** Embedding failed: the model could not be loaded, the provider refused or answered something unusable. */
public class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
