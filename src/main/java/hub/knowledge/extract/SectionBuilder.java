package hub.knowledge.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups paragraphs under the heading they follow. A heading starts a new section and is kept as the
 * first line of its text (so a chunk carries its topic); headings with no text of their own are carried
 * into the next section instead of becoming sections of one line.
 */
final class SectionBuilder {

    private final Integer page;
    private final ExtractionBudget budget;
    private final List<Section> sections = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private String heading;
    private boolean hasBody;

    SectionBuilder(Integer page, ExtractionBudget budget) {
        this.page = page;
        this.budget = budget;
    }

    void heading(String line) {
        String title = Whitespace.collapse(line);
        if (title.isEmpty()) {
            return;
        }
        if (hasBody) {
            flush();
        }
        append(title);
        heading = title;
    }

    void paragraph(String paragraph) {
        String body = paragraph.strip();
        if (body.isEmpty()) {
            return;
        }
        append(body);
        hasBody = true;
    }

    List<Section> build() {
        flush();
        return sections;
    }

    private void append(String part) {
        if (budget != null) {
            budget.addText(part.length());
        }
        if (text.length() > 0) {
            text.append("\n\n");
        }
        text.append(part);
    }

    private void flush() {
        if (text.length() > 0) {
            sections.add(new Section(text.toString(), page, heading));
        }
        text.setLength(0);
        hasBody = false;
    }
}
