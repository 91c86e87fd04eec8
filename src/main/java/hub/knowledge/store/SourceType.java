package hub.knowledge.store;

import java.util.Locale;

/** The kinds of knowledge source (knowledge_sources.source_type) and the quota each one counts against. */
public enum SourceType {
    PDF, DOC, DOCX, URL, TEXT, MARKDOWN, HTML;

    /** What a source counts against: documents (pdf/doc/docx), URLs, or only storage. */
    public enum Counter { DOCUMENT, URL, STORAGE_ONLY }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Counter counter() {
        return switch (this) {
            case PDF, DOC, DOCX -> Counter.DOCUMENT;
            case URL -> Counter.URL;
            default -> Counter.STORAGE_ONLY;
        };
    }

    public static SourceType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
