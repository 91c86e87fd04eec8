package hub.knowledge.fetch;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Turns an HTML page into its main text (used for crawl previews). */
@FunctionalInterface
public interface PageText {

    /**
     * @param html the page
     * @param url  its URL (to resolve relative references, if the extractor needs them)
     * @return the main text, whitespace collapsed
     */
    String extract(String html, String url);

    /** The body text without scripts, styles, navigation, header and footer. */
    static PageText simple() {
        return (html, url) -> {
            Document doc = Jsoup.parse(html, url == null ? "" : url);
            doc.select("script, style, noscript, template, nav, header, footer, svg, iframe").remove();
            return doc.body() == null ? "" : doc.body().text();
        };
    }
}
