package hub.knowledge.extract;

import java.util.List;

/**
 * The text of a document in reading order.
 *
 * @param type     what the document was read as
 * @param title    the document's own title (PDF info, HTML title, first heading), null when it has none
 * @param sections the text, in document order
 */
public record ExtractedDocument(DocumentType type, String title, List<Section> sections) {

    public ExtractedDocument {
        sections = List.copyOf(sections);
        title = title == null || title.isBlank() ? null : title.strip();
    }

    public boolean hasText() {
        return sections.stream().anyMatch(section -> !section.text().isBlank());
    }

    public int characterCount() {
        return sections.stream().mapToInt(section -> section.text().length()).sum();
    }
}
