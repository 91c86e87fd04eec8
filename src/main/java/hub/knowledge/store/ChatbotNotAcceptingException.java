package hub.knowledge.store;

/** The chatbot exists but takes no knowledge now (the API answers 409 with {@link #code()}). */
public class ChatbotNotAcceptingException extends RuntimeException {

    public enum Code { CHATBOT_DISABLED, RAG_DISABLED }

    private final Code code;

    public ChatbotNotAcceptingException(Code code) {
        super(code == Code.CHATBOT_DISABLED ? "Chatbot is disabled" : "RAG is not enabled for this chatbot");
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
