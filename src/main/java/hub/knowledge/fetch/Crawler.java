package hub.knowledge.fetch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import hub.knowledge.fetch.FetchException.Reason;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the pages of a site worth ingesting (it ingests nothing itself).
 * <ul>
 *   <li>Breadth-first from the base URL, plus the site's sitemap ({@code Sitemap:} lines of robots.txt,
 *       else {@code /sitemap.xml}; sitemap index files one level deep) whose entries count as depth 1.</li>
 *   <li>Same site only (same host, {@code www.} or not, any scheme); redirects leaving the site are not
 *       followed. robots.txt is obeyed for every page and every redirect hop: a disallowed page is
 *       neither fetched nor listed.</li>
 *   <li>URLs are normalised ({@link UrlNormalizer}) so each page is fetched once; a page reached through
 *       a redirect is listed under its final URL.</li>
 *   <li>Only HTML pages are listed; links to images, documents, media, mailto:, tel:, javascript: and
 *       fragments of the same page are not followed, nor links to pages that never answer a customer's
 *       question (sign-in, cart, checkout, account, admin, search results, tag/category/pagination lists,
 *       WordPress internals: {@link #UTILITY_SEGMENTS}, {@link #LIST_SEGMENTS}). A page that fails is skipped; failing to fetch
 *       the base URL fails the crawl.</li>
 *   <li>Results are ordered by relevance (descending), then depth, then URL. See {@link Relevance}.</li>
 * </ul>
 * All requests go through the {@link SafeFetcher}, so its SSRF checks, limits and per-host pacing apply.
 * Thread-safe: each call keeps its own state.
 */
public final class Crawler {

    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private static final int PREVIEW_CHARS = 200;
    private static final int MAX_TITLE_CHARS = 300;
    private static final int MAX_LINKS_PER_PAGE = 1000;
    private static final int MAX_KNOWN_URLS = 20_000;
    private static final int MAX_SITEMAPS = 3;
    private static final int MAX_CHILD_SITEMAPS = 10;
    private static final int MAX_SITEMAP_ENTRIES = 5000;

    private static final Set<String> NOT_HTML = Set.of(
            "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif", "heic",
            "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "epub",
            "zip", "gz", "tgz", "bz2", "xz", "rar", "7z", "tar", "dmg", "exe", "msi", "apk", "iso", "bin",
            "mp3", "mp4", "m4a", "m4v", "wav", "ogg", "oga", "ogv", "flac", "aac", "avi", "mov", "wmv", "webm", "mkv",
            "css", "js", "mjs", "map", "json", "xml", "rss", "atom", "txt", "csv", "ics", "vcf",
            "woff", "woff2", "ttf", "otf", "eot");

    /** A path with one of these segments is an account, shop or admin page. */
    static final Set<String> UTILITY_SEGMENTS = Set.of("login", "signin", "signup", "register", "cart", "checkout",
            "account", "profile", "admin", "wp-admin", "dashboard");
    /** A path with one of these segments followed by more is a list page or a WordPress internal. */
    static final Set<String> LIST_SEGMENTS = Set.of("tag", "category", "page", "wp-content", "wp-includes");

    private final SafeFetcher fetcher;
    private final PageText pageText;

    /** Previews from {@link PageText#simple()}. */
    public Crawler(SafeFetcher fetcher) {
        this(fetcher, PageText.simple());
    }

    public Crawler(SafeFetcher fetcher, PageText pageText) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.pageText = Objects.requireNonNull(pageText, "pageText");
    }

    /**
     * Crawls a site.
     *
     * @return the pages found, most relevant first
     * @throws FetchException when the base URL cannot be crawled: {@code invalid_url}, {@code url_not_allowed},
     *                        {@code robots_disallowed}, or why fetching it failed ({@code unreachable},
     *                        {@code timeout}, {@code http_error}, {@code unsupported_content}, ...)
     */
    public List<DiscoveredPage> crawl(CrawlRequest request) {
        return new Run(request).crawl();
    }

    private record Queued(URI url, int depth) {
    }

    /** The state of one crawl. */
    private final class Run {
        private final CrawlRequest request;
        private final Relevance relevance;
        private final RobotsCache robots = new RobotsCache(fetcher);
        private final Deque<Queued> queue = new ArrayDeque<>();
        private final Set<String> known = new HashSet<>();
        private final Set<String> listed = new HashSet<>();
        private final List<DiscoveredPage> results = new ArrayList<>();
        private URI site;
        private int fetches;

        Run(CrawlRequest request) {
            this.request = request;
            this.relevance = new Relevance(request.filterKeywords());
        }

        List<DiscoveredPage> crawl() {
            long started = System.nanoTime();
            URI base = UrlNormalizer.normalize(UrlNormalizer.parse(request.baseUrl()));
            fetcher.checkAllowed(base);
            RobotsRules rules = robots.rulesFor(base);
            if (!rules.isAllowed(base)) {
                throw refusedByRobots(base, rules);
            }
            FetchedPage first = fetcher.fetch(base, SafeFetcher.HTML, this::checkBaseRedirect);
            fetches++;
            URI finalBase = UrlNormalizer.normalize(first.finalUrl());
            site = finalBase;
            known.add(base.toString());
            known.add(finalBase.toString());
            listed.add(finalBase.toString());
            read(first, finalBase, 0);
            if (request.maxDepth() >= 1 && results.size() < request.maxPages()) {
                seedFromSitemaps(finalBase);
            }
            int maxFetches = 2 * request.maxPages() + 10;
            while (!queue.isEmpty() && results.size() < request.maxPages() && fetches < maxFetches) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new FetchException(Reason.INTERRUPTED, "The crawl of " + finalBase.getHost() + " was interrupted");
                }
                Queued next = queue.poll();
                if (listed.contains(next.url().toString()) || !robots.isAllowed(next.url())) {
                    continue;
                }
                fetches++;
                FetchedPage page;
                try {
                    page = fetcher.fetch(next.url(), SafeFetcher.HTML, this::checkPageRedirect);
                } catch (FetchException e) {
                    if (e.reason() == Reason.INTERRUPTED) {
                        throw e;
                    }
                    log.debug("Crawl skips {}: {}", UrlNormalizer.forLog(next.url()), e.code());
                    continue;
                }
                URI url = UrlNormalizer.normalize(page.finalUrl());
                known.add(url.toString());
                if (listed.add(url.toString())) {
                    read(page, url, next.depth());
                }
            }
            results.sort(Comparator.comparingDouble(DiscoveredPage::relevanceScore).reversed()
                    .thenComparingInt(DiscoveredPage::depth)
                    .thenComparing(DiscoveredPage::url));
            log.info("Crawled {}: {} pages listed, {} fetched, {} ms", finalBase.getHost(), results.size(), fetches,
                    (System.nanoTime() - started) / 1_000_000);
            return List.copyOf(results);
        }

        private FetchException refusedByRobots(URI base, RobotsRules rules) {
            FetchException failure = rules.failure().orElse(null);
            if (failure != null && (failure.reason() == Reason.UNREACHABLE || failure.reason() == Reason.TIMEOUT
                    || failure.reason() == Reason.URL_NOT_ALLOWED)) {
                return new FetchException(failure.reason(), failure.getMessage(), failure);
            }
            String why = rules.availability() == RobotsRules.Availability.FOUND
                    ? "robots.txt of " + base.getHost() + " does not allow crawling " + UrlNormalizer.forLog(base)
                    : rules.explanation();
            return new FetchException(Reason.ROBOTS_DISALLOWED, why);
        }

        /** The base URL may move to another site (the crawl then follows it there) but obeys robots.txt. */
        private void checkBaseRedirect(URI hop) {
            fetcher.checkAllowed(hop);
            RobotsRules rules = robots.rulesFor(hop);
            if (!rules.isAllowed(hop)) {
                throw refusedByRobots(hop, rules);
            }
        }

        private void checkPageRedirect(URI hop) {
            if (!UrlNormalizer.sameSite(hop, site)) {
                throw new FetchException(Reason.OFF_SITE_REDIRECT, "Redirect to another site: " + hop.getHost());
            }
            fetcher.checkAllowed(hop);
            if (!robots.isAllowed(hop)) {
                throw new FetchException(Reason.ROBOTS_DISALLOWED, "robots.txt does not allow " + UrlNormalizer.forLog(hop));
            }
        }

        private void read(FetchedPage page, URI url, int depth) {
            String html = page.text();
            Document doc = Jsoup.parse(html, url.toString());
            String title = clip(doc.title().strip(), MAX_TITLE_CHARS);
            Element h1Element = doc.selectFirst("h1");
            String h1 = h1Element == null ? "" : clip(h1Element.text().strip(), MAX_TITLE_CHARS);
            String shownTitle = !title.isEmpty() ? title : !h1.isEmpty() ? h1 : titleFromPath(url);
            String text;
            try {
                text = pageText.extract(html, url.toString());
            } catch (RuntimeException e) {
                log.debug("Text extraction failed for {}: {}", UrlNormalizer.forLog(url), e.toString());
                text = "";
            }
            int score = relevance.score(url, title, h1, depth);
            results.add(new DiscoveredPage(url.toString(), shownTitle, score / 100.0, depth, preview(text),
                    score >= Relevance.SUGGESTED_AT));
            if (depth >= request.maxDepth()) {
                return;
            }
            int links = 0;
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href").strip();
                if (href.isEmpty() || href.startsWith("#")) {
                    continue;
                }
                String absolute = a.absUrl("href");
                if (absolute.isEmpty()) {
                    continue;
                }
                try {
                    enqueue(UrlNormalizer.normalize(UrlNormalizer.parse(absolute)), depth + 1);
                } catch (FetchException | IllegalArgumentException invalid) {
                    continue;
                }
                if (++links >= MAX_LINKS_PER_PAGE) {
                    break;
                }
            }
        }

        private void seedFromSitemaps(URI finalBase) {
            RobotsRules rules = robots.rulesFor(finalBase);
            URI robotsUrl = finalBase.resolve("/robots.txt");
            List<URI> sitemaps = new ArrayList<>();
            for (String declared : rules.sitemaps()) {
                try {
                    URI url = UrlNormalizer.resolve(robotsUrl, declared);
                    if (isHttp(url) && UrlNormalizer.sameSite(url, site) && sitemaps.size() < MAX_SITEMAPS) {
                        sitemaps.add(url);
                    }
                } catch (FetchException | IllegalArgumentException invalid) {
                    // ignore a malformed Sitemap: line
                }
            }
            if (sitemaps.isEmpty()) {
                URI fallback = finalBase.resolve("/sitemap.xml");
                if (rules.isAllowed(fallback)) {
                    sitemaps.add(fallback);
                }
            }
            int children = 0;
            for (URI sitemap : sitemaps) {
                Sitemaps.Parsed parsed = readSitemap(sitemap);
                enqueueAll(parsed.pages());
                for (String child : parsed.children()) {
                    if (children++ >= MAX_CHILD_SITEMAPS) {
                        break;
                    }
                    try {
                        URI childUrl = UrlNormalizer.resolve(sitemap, child);
                        if (isHttp(childUrl) && UrlNormalizer.sameSite(childUrl, site)) {
                            enqueueAll(readSitemap(childUrl).pages()); // one level: indexes inside indexes are ignored
                        }
                    } catch (FetchException | IllegalArgumentException invalid) {
                        // ignore
                    }
                }
            }
        }

        private Sitemaps.Parsed readSitemap(URI url) {
            try {
                fetches++;
                FetchedPage page = fetcher.fetch(url, SafeFetcher.ANY_CONTENT, this::checkPageRedirect);
                return Sitemaps.parse(page, MAX_SITEMAP_ENTRIES, fetcher.policy().maxBodyBytes());
            } catch (FetchException e) {
                if (e.reason() == Reason.INTERRUPTED) {
                    throw e;
                }
                log.debug("No usable sitemap at {}: {}", UrlNormalizer.forLog(url), e.code());
                return Sitemaps.Parsed.NONE;
            }
        }

        private void enqueueAll(List<String> urls) {
            for (String text : urls) {
                try {
                    enqueue(UrlNormalizer.normalize(UrlNormalizer.parse(text)), 1);
                } catch (FetchException | IllegalArgumentException invalid) {
                    // ignore a malformed entry
                }
            }
        }

        private void enqueue(URI url, int depth) {
            if (!isHttp(url) || !UrlNormalizer.sameSite(url, site) || looksLikeNonHtml(url) || isUtilityPage(url)
                    || known.size() >= MAX_KNOWN_URLS) {
                return;
            }
            if (known.add(url.toString())) {
                queue.add(new Queued(url, depth));
            }
        }
    }

    private static boolean isHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
    }

    static boolean isUtilityPage(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath().toLowerCase(Locale.ROOT);
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length; i++) {
            if (UTILITY_SEGMENTS.contains(segments[i]) || LIST_SEGMENTS.contains(segments[i]) && i < segments.length - 1) {
                return true;
            }
        }
        return segments.length > 0 && segments[segments.length - 1].equals("search") && url.getRawQuery() != null;
    }

    private static boolean looksLikeNonHtml(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot >= 0 && NOT_HTML.contains(last.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String titleFromPath(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.isEmpty()) {
            return url.getHost();
        }
        try {
            last = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // keep it encoded
        }
        int dot = last.lastIndexOf('.');
        if (dot > 0) {
            last = last.substring(0, dot);
        }
        String words = last.replaceAll("[-_]+", " ").strip();
        return words.isEmpty() ? url.getHost() : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String preview(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        if (t.length() <= PREVIEW_CHARS) {
            return t;
        }
        int cut = t.lastIndexOf(' ', PREVIEW_CHARS);
        if (cut < PREVIEW_CHARS * 3 / 4) {
            cut = PREVIEW_CHARS;
            if (Character.isHighSurrogate(t.charAt(cut - 1))) {
                cut--;
            }
        }
        return t.substring(0, cut).strip() + "…";
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max).strip() + "…";
    }
}
