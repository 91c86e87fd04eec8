package hub.llm;

import java.util.Locale;

/** Who answers a message. {@link #wireName()} is what usage logging and {@code hub.llm.default-provider} use. */
public enum Provider {
    OPENAI("openai", "gpt-4o-mini"),
    GEMINI("gemini", "gemini-3-flash-preview"),
    OFFLINE("offline", "offline");

    private final String wireName;
    private final String defaultModel;

    Provider(String wireName, String defaultModel) {
        this.wireName = wireName;
        this.defaultModel = defaultModel;
    }

    public String wireName() {
        return wireName;
    }

    /** The model used when a chatbot has none (the schema's default for Gemini). */
    public String defaultModel() {
        return defaultModel;
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
