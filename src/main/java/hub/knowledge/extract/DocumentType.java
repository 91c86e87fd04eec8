package hub.knowledge.extract;

import java.util.Locale;

/** The kinds of document the knowledge base can read; the wire names match knowledge_sources.source_type. */
public enum DocumentType {
    PDF("pdf"),
    DOCX("docx"),
    HTML("html"),
    MARKDOWN("markdown"),
    TEXT("text");

    private final String wireName;

    DocumentType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type for a wire name (case-insensitive); IllegalArgumentException for anything else. */
    public static DocumentType fromWireName(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (DocumentType type : values()) {
                if (type.wireName.equals(wanted)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("Unknown document type: " + name);
    }
}
