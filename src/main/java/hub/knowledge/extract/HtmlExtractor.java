package hub.knowledge.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The main text of an HTML page: navigation, scripts, forms and cookie/menu boilerplate dropped,
 * {@code <main>}/{@code <article>} preferred when the page has one, h1–h6 kept as section headings.
 * Used for uploaded HTML files and by the web crawler.
 */
public final class HtmlExtractor {

    private static final String ALWAYS_DROPPED = "script, style, noscript, template, svg, iframe, object, embed,"
            + " canvas, dialog, button, select, nav, aside, footer, [role=navigation], [role=banner],"
            + " [role=contentinfo], [role=search], [aria-hidden=true], [hidden]";
    private static final String PAGE_HEADER = "header";
    private static final String CONTENT_ROOTS = "main, article, [role=main], section";
    private static final String MAIN_CONTENT = "main, article, [role=main]";
    /** Class or id words that mark boilerplate, as a whole word of a class/id like "cookie-banner" or "main_menu". */
    private static final Pattern BOILERPLATE = Pattern.compile(
            "(^|[-_])(cookies?|consent|gdpr|cookiebanner|cookiebar|navbar|nav|navigation|menu|megamenu|breadcrumbs?"
                    + "|sidebar|skip-?link|share|sharing|social|newsletter|popup|modal|banner-ad|advert|ads)([-_]|$)");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "blockquote", "pre",
            "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "figure", "figcaption", "address", "details",
            "summary", "hr", "form", "fieldset", "center", "body");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    /** The main text of a page given as a string (the base URL resolves relative links; may be null). */
    public ExtractedDocument mainText(String html, String baseUrl) {
        return mainText(Jsoup.parse(html == null ? "" : html, baseUrl == null ? "" : baseUrl), null);
    }

    /** The main text of a parsed page. The document is modified (boilerplate is removed from it). */
    public ExtractedDocument mainText(Document page) {
        return mainText(page, null);
    }

    ExtractedDocument extract(byte[] bytes, String baseUrl, ExtractionBudget budget) {
        try {
            // charset from the BOM or <meta charset>, UTF-8 otherwise
            return mainText(Jsoup.parse(new ByteArrayInputStream(bytes), null, baseUrl == null ? "" : baseUrl), budget);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExtractedDocument mainText(Document page, ExtractionBudget budget) {
        String title = page.title();
        Document original = page.clone();
        removeBoilerplate(page);
        Element root = contentRoot(page);
        ExtractedDocument document = collect(root, title, budget);
        if (!document.hasText() && !original.body().text().isBlank()) {
            // the page was misjudged as all boilerplate (e.g. everything inside one <form>): keep more
            original.select("script, style, noscript, template, svg, nav, footer").remove();
            document = collect(original.body(), title, budget);
        }
        return document;
    }

    private static void removeBoilerplate(Document page) {
        Element body = page.body();
        removeUnlessContent(body.select(ALWAYS_DROPPED));
        for (Element header : body.select(PAGE_HEADER)) {
            // a header inside an article or section is that article's title block, not the site banner
            if (!header.parents().is(CONTENT_ROOTS)) {
                removeUnlessContent(new Elements(header));
            }
        }
        int bodyText = body.text().length();
        for (Element candidate : body.select("form, [class], [id]")) {
            if (candidate.parent() != null && (candidate.normalName().equals("form") || isBoilerplateByName(candidate))
                    && candidate.text().length() * 2 < bodyText) {
                removeUnlessContent(new Elements(candidate));
            }
        }
    }

    private static void removeUnlessContent(Elements elements) {
        for (Element element : elements) {
            if (element.parent() != null && !element.is("body, html, main, article")
                    && element.selectFirst(MAIN_CONTENT) == null) {
                element.remove();
            }
        }
    }

    private static boolean isBoilerplateByName(Element element) {
        if (element.is("body, html, main, article, [role=main]")) {
            return false;
        }
        if (BOILERPLATE.matcher(element.id().toLowerCase(Locale.ROOT)).find()) {
            return true;
        }
        for (String name : element.classNames()) {
            if (BOILERPLATE.matcher(name.toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }

    private static Element contentRoot(Document page) {
        Element main = page.selectFirst("main, [role=main]");
        if (main == null) {
            Elements articles = page.select("article");
            main = articles.size() == 1 ? articles.first() : null;
        }
        return main != null && !main.text().isBlank() ? main : page.body();
    }

    private static ExtractedDocument collect(Element root, String title, ExtractionBudget budget) {
        SectionCollector collector = new SectionCollector(budget);
        NodeTraversor.traverse(collector, root);
        collector.endBlock();
        String documentTitle = title;
        if (documentTitle == null || documentTitle.isBlank()) {
            Element h1 = root.selectFirst("h1");
            documentTitle = h1 == null ? null : h1.text();
        }
        return new ExtractedDocument(DocumentType.HTML, documentTitle, collector.sections.build());
    }

    /** Walks the content in document order: blocks become paragraphs, table rows "cell | cell" lines. */
    private static final class SectionCollector implements NodeVisitor {

        private final SectionBuilder sections;
        private final StringBuilder block = new StringBuilder();
        private int preDepth;
        private int tableDepth;
        private int headingDepth;

        SectionCollector(ExtractionBudget budget) {
            this.sections = new SectionBuilder(null, budget);
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                appendText(text.getWholeText());
                return;
            }
            if (!(node instanceof Element element)) {
                return;
            }
            String tag = element.normalName();
            if (HEADINGS.contains(tag)) {
                endBlock();
                headingDepth++;
            } else if (tag.equals("pre")) {
                blockBoundary();
                preDepth++;
            } else if (tag.equals("table")) {
                blockBoundary();
                tableDepth++;
            } else if (tag.equals("tr") || tag.equals("br")) {
                lineBreak();
            } else if ((tag.equals("td") || tag.equals("th")) && element.elementSiblingIndex() > 0) {
                stripTrailingSpaces();
                block.append(" | ");
            } else if (BLOCKS.contains(tag)) {
                blockBoundary();
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            String tag = element.normalName();
            if (HEADINGS.contains(tag)) {
                headingDepth--;
                if (headingDepth == 0) {
                    sections.heading(block.toString());
                    block.setLength(0);
                }
            } else if (tag.equals("pre")) {
                preDepth--;
                blockBoundary();
            } else if (tag.equals("table")) {
                tableDepth--;
                blockBoundary();
            } else if (BLOCKS.contains(tag)) {
                blockBoundary();
            }
        }

        /** Appends text with runs of whitespace as one space (kept as is inside pre). */
        private void appendText(String text) {
            if (preDepth > 0 && headingDepth == 0) {
                block.append(text);
                return;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Whitespace.isSpace(c)) {
                    space();
                } else {
                    block.append(c);
                }
            }
        }

        private void space() {
            if (block.length() > 0 && !Whitespace.isSpace(block.charAt(block.length() - 1))) {
                block.append(' ');
            }
        }

        private void lineBreak() {
            if (headingDepth > 0) {
                space();
                return;
            }
            stripTrailingSpaces();
            if (block.length() > 0 && block.charAt(block.length() - 1) != '\n') {
                block.append('\n');
            }
        }

        /** Ends the paragraph, except inside a heading or a table cell where a block is only a space. */
        private void blockBoundary() {
            if (headingDepth > 0 || tableDepth > 0) {
                space();
            } else {
                endBlock();
            }
        }

        void endBlock() {
            if (headingDepth > 0) {
                return;
            }
            sections.paragraph(block.toString());
            block.setLength(0);
        }

        private void stripTrailingSpaces() {
            int end = block.length();
            while (end > 0 && block.charAt(end - 1) == ' ') {
                end--;
            }
            block.setLength(end);
        }
    }
}
