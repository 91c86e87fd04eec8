package hub.knowledge.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.UnknownFormatException;

/**
 * Reads sitemaps with crawler-commons: XML {@code <urlset>} (page URLs), XML {@code <sitemapindex>}
 * (child sitemaps) and plain-text sitemaps, each of them possibly gzipped. External XML entities are
 * not resolved. Unreadable sitemaps give no URLs.
 */
final class Sitemaps {

    /** Page URLs and child sitemap URLs. */
    record Parsed(List<String> pages, List<String> children) {
        static final Parsed NONE = new Parsed(List.of(), List.of());
    }

    private Sitemaps() {
    }

    /**
     * @param maxEntries the most page URLs and the most child sitemaps kept
     * @param maxBytes   the most bytes a gzipped sitemap may unpack to; a larger one gives no URLs
     */
    static Parsed parse(FetchedPage page, int maxEntries, long maxBytes) {
        try {
            byte[] body = isGzip(page.body()) ? gunzip(page.body(), maxBytes) : page.body();
            // Not strict: which URLs belong to the site is the crawler's same-site rule, not the sitemap's folder.
            AbstractSiteMap map = new SiteMapParser(false).parseSiteMap(body, page.finalUrl().toURL());
            if (map instanceof SiteMapIndex index) {
                return new Parsed(List.of(), index.getSitemaps().stream().limit(maxEntries)
                        .map(child -> child.getUrl().toString()).toList());
            }
            return new Parsed(((SiteMap) map).getSiteMapUrls().stream().limit(maxEntries)
                    .map(url -> url.getUrl().toString()).toList(), List.of());
        } catch (UnknownFormatException | IOException | IllegalArgumentException unreadable) {
            return Parsed.NONE;
        }
    }

    private static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] body, long maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 9) + 1);
            if (out.length > maxBytes) {
                throw new IOException("gzipped sitemap unpacks to more than " + maxBytes + " bytes");
            }
            return out;
        }
    }
}
