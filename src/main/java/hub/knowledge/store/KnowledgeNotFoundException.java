package hub.knowledge.store;

/** The chatbot or source does not exist for the caller's organisation (the API answers 404). */
public class KnowledgeNotFoundException extends RuntimeException {

    public KnowledgeNotFoundException(String message) {
        super(message);
    }

    public static KnowledgeNotFoundException chatbot() {
        return new KnowledgeNotFoundException("Chatbot not found");
    }

    public static KnowledgeNotFoundException source() {
        return new KnowledgeNotFoundException("Knowledge source not found");
    }
}
