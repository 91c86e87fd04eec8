package hub.knowledge.fetch;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads sitemaps: XML {@code <urlset>} (page URLs), XML {@code <sitemapindex>} (child sitemaps) and plain
 * text sitemaps (one URL per line). jsoup's XML parser resolves no external entities. Gzipped sitemaps
 * are not read.
 */
final class Sitemaps {

    /** Page URLs and child sitemap URLs, as written. */
    record Parsed(List<String> pages, List<String> children) {
    }

    private Sitemaps() {
    }

    static Parsed parse(FetchedPage page, int maxEntries) {
        byte[] body = page.body();
        if (body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B) {
            return new Parsed(List.of(), List.of()); // gzip
        }
        String text = page.text().strip();
        List<String> pages = new ArrayList<>();
        List<String> children = new ArrayList<>();
        if (!text.startsWith("<")) {
            for (String line : text.split("\r\n|\r|\n")) {
                String url = line.strip();
                if ((url.startsWith("http://") || url.startsWith("https://")) && pages.size() < maxEntries) {
                    pages.add(url);
                }
            }
            return new Parsed(pages, children);
        }
        Document doc = Jsoup.parse(text, "", Parser.xmlParser());
        for (Element loc : doc.getElementsByTag("loc")) {
            Element parent = loc.parent();
            String parentName = parent == null ? "" : localName(parent.tagName());
            String url = loc.text().strip();
            if (url.isEmpty()) {
                continue;
            }
            if (parentName.equals("url") && pages.size() < maxEntries) {
                pages.add(url);
            } else if (parentName.equals("sitemap") && children.size() < maxEntries) {
                children.add(url);
            }
        }
        return new Parsed(pages, children);
    }

    private static String localName(String tag) {
        int colon = tag.indexOf(':');
        return (colon >= 0 ? tag.substring(colon + 1) : tag).toLowerCase(java.util.Locale.ROOT);
    }
}
