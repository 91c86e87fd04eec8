package hub.knowledge.extract;

/**
 * A run of text that shares one location in the document.
 *
 * @param text    the text, with paragraph breaks ("\n\n") and line breaks kept
 * @param page    1-based page number, null when the document is not paged
 * @param heading the heading the text belongs to, null when there is none
 */
public record Section(String text, Integer page, String heading) {

    public Section {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
    }
}
