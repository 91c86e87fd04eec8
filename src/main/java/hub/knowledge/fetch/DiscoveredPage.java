package hub.knowledge.fetch;

/**
 * A page found by a crawl.
 *
 * @param url            normalised URL of the page (after redirects)
 * @param title          its {@code <title>}, else its first {@code <h1>}, else a name made from the URL path
 * @param relevanceScore 0..1 with two decimals: keywords in the title/h1 and URL path, minus a depth penalty
 * @param depth          links followed from the base URL (sitemap entries count as depth 1)
 * @param preview        about the first 200 characters of the page's main text
 * @param suggested      whether the user should ingest it by default
 */
public record DiscoveredPage(String url, String title, double relevanceScore, int depth, String preview,
                             boolean suggested) {
}
