package hub.llm;

import java.util.Locale;

/** Who answers a message. {@link #wireName()} is what usage logging and {@code hub.llm.default-provider} use. */
public enum Provider {
    OPENAI("openai", "gpt-4o-mini",
            "I need more time to think about this. Could you please rephrase your question?"),
    GEMINI("gemini", "gemini-3-flash-preview",
            "Necesito más información para responder. ¿Podrías reformular tu pregunta?"),
    OFFLINE("offline", "offline", null);

    private final String wireName;
    private final String defaultModel;
    private final String maxIterationsReply;

    Provider(String wireName, String defaultModel, String maxIterationsReply) {
        this.wireName = wireName;
        this.defaultModel = defaultModel;
        this.maxIterationsReply = maxIterationsReply;
    }

    public String wireName() {
        return wireName;
    }

    /** The model used when a chatbot has none (the schema's default for Gemini). */
    public String defaultModel() {
        return defaultModel;
    }

    /** The reply when every allowed LLM call asked for tools (S2.12). */
    public String maxIterationsReply() {
        return maxIterationsReply;
    }

    /** Parses {@code hub.llm.default-provider}; "google" is accepted for Gemini; unknown or empty → offline. */
    public static Provider fromSetting(String value) {
        if (value == null) {
            return OFFLINE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "openai" -> OPENAI;
            case "gemini", "google" -> GEMINI;
            default -> OFFLINE;
        };
    }
}
