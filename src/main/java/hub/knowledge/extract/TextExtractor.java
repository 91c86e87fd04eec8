package hub.knowledge.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text as is; Markdown as is, with its headings (ATX "# ..." and setext underlines) as section headings. */
final class TextExtractor {

    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern NOT_A_SETEXT_TITLE = Pattern.compile("^ {0,3}([-*+>]|\\d+[.)]|#|\\|)");

    ExtractedDocument extract(byte[] bytes, DocumentType type, ExtractionBudget budget) {
        String text = decode(bytes);
        if (type == DocumentType.MARKDOWN) {
            return markdown(text, budget);
        }
        SectionBuilder sections = new SectionBuilder(null, budget);
        sections.paragraph(text);
        return new ExtractedDocument(DocumentType.TEXT, null, sections.build());
    }

    /** UTF-8 without a BOM and with Unix line ends; invalid sequences become U+FFFD rather than failing. */
    static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static ExtractedDocument markdown(String text, ExtractionBudget budget) {
        SectionBuilder sections = new SectionBuilder(null, budget);
        List<String> body = new ArrayList<>();
        String title = null;
        String fence = null;
        for (String line : text.split("\n", -1)) {
            Matcher fenceStart = FENCE.matcher(line);
            if (fence != null) {
                if (fenceStart.find() && fenceStart.group(1).charAt(0) == fence.charAt(0)
                        && fenceStart.group(1).length() >= fence.length()) {
                    fence = null;
                }
                body.add(line);
                continue;
            }
            if (fenceStart.find()) {
                fence = fenceStart.group(1);
                body.add(line);
                continue;
            }
            Matcher atx = ATX_HEADING.matcher(line);
            if (atx.matches()) {
                String heading = atx.group(2) == null ? "" : atx.group(2);
                title = title == null && atx.group(1).length() == 1 && !heading.isBlank() ? heading : title;
                flush(body, sections);
                sections.heading(heading);
                continue;
            }
            Matcher underline = SETEXT_UNDERLINE.matcher(line);
            if (underline.matches() && isSetextTitle(body)) {
                String heading = body.remove(body.size() - 1);
                title = title == null && underline.group(1).charAt(0) == '=' ? heading : title;
                flush(body, sections);
                sections.heading(heading);
                continue;
            }
            body.add(line);
        }
        flush(body, sections);
        return new ExtractedDocument(DocumentType.MARKDOWN, title, sections.build());
    }

    /** A setext underline belongs to a one-line paragraph directly above it (not a list item, quote or table). */
    private static boolean isSetextTitle(List<String> body) {
        if (body.isEmpty()) {
            return false;
        }
        String previous = body.get(body.size() - 1);
        boolean paragraphAbove = body.size() < 2 || body.get(body.size() - 2).isBlank();
        return !previous.isBlank() && paragraphAbove && !NOT_A_SETEXT_TITLE.matcher(previous).find();
    }

    private static void flush(List<String> body, SectionBuilder sections) {
        sections.paragraph(String.join("\n", body));
        body.clear();
    }
}
