package hub.knowledge.fetch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to crawl. Limits are clamped to what the server allows: depth 0..{@value #MAX_DEPTH_CAP},
 * pages 1..{@value #MAX_PAGES_CAP}.
 *
 * @param baseUrl        where the crawl starts; only pages of the same site are visited
 * @param maxDepth       links followed from the base page (0 = the base page only)
 * @param maxPages       pages listed at most
 * @param filterKeywords words that make a page relevant when found in its title/h1 or URL path
 *                       (blank entries dropped, duplicates removed, at most 50)
 */
public record CrawlRequest(String baseUrl, int maxDepth, int maxPages, List<String> filterKeywords) {

    public static final int DEFAULT_MAX_DEPTH = 2;
    public static final int DEFAULT_MAX_PAGES = 50;
    public static final int MAX_DEPTH_CAP = 5;
    public static final int MAX_PAGES_CAP = 200;
    private static final int MAX_KEYWORDS = 50;
    /** The keywords of a crawl that names none: the pages of a site that usually answer customers' questions. */
    public static final List<String> DEFAULT_FILTER_KEYWORDS = List.of("faq", "docs", "documentation", "support", "help",
            "about", "guide", "tutorial", "api", "reference");

    public CrawlRequest {
        maxDepth = Math.max(0, Math.min(maxDepth, MAX_DEPTH_CAP));
        maxPages = Math.max(1, Math.min(maxPages, MAX_PAGES_CAP));
        Set<String> cleaned = new LinkedHashSet<>();
        if (filterKeywords != null) {
            for (String keyword : filterKeywords) {
                if (keyword != null && !keyword.isBlank() && cleaned.size() < MAX_KEYWORDS) {
                    cleaned.add(keyword.strip());
                }
            }
        }
        filterKeywords = List.copyOf(new ArrayList<>(cleaned));
    }

    /** A request with the default limits and no keywords. */
    public CrawlRequest(String baseUrl) {
        this(baseUrl, DEFAULT_MAX_DEPTH, DEFAULT_MAX_PAGES, List.of());
    }

    /**
     * For APIs where everything but the URL is optional: {@code null} means the default ({@link #DEFAULT_FILTER_KEYWORDS}
     * for the keywords; an empty list means none).
     */
    public static CrawlRequest of(String baseUrl, Integer maxDepth, Integer maxPages, List<String> filterKeywords) {
        return new CrawlRequest(baseUrl, maxDepth == null ? DEFAULT_MAX_DEPTH : maxDepth,
                maxPages == null ? DEFAULT_MAX_PAGES : maxPages, filterKeywords == null ? DEFAULT_FILTER_KEYWORDS : filterKeywords);
    }
}
