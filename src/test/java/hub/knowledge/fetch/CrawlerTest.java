package hub.knowledge.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import hub.outbound.AddressGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crawls a small fixture site served by WireMock on 127.0.0.1:
 * <pre>
 * /                home: links to faq (with utm params, fragments, trailing slash), products, about, /private/admin,
 *                  a redirect, a failing page, a redirect off the site, a redirect into /private, files, mailto, tel...
 * /faq             "FAQ – Acme Store"               depth 1
 * /products        "Products"                       depth 1 -> /products/rockets (2) -> /products/rockets/specs (3)
 * /about           "About us"                       depth 1
 * /old-shipping    301 -> /shipping-policy           depth 1
 * /help-center     only in the sitemap              depth 1
 * /private/...     disallowed by robots.txt
 * </pre>
 */
class CrawlerTest {

    private static final String HTML = "text/html; charset=utf-8";

    private WireMockServer site;
    private String base;

    @BeforeEach
    void startSite() {
        site = new WireMockServer(wireMockConfig().dynamicPort());
        site.start();
        base = "http://127.0.0.1:" + site.port();
    }

    @AfterEach
    void stopSite() {
        site.stop();
    }

    private static Crawler crawler() {
        FetchPolicy policy = FetchPolicy.defaults().withAllowPrivateNetworks(true).withPerHostInterval(Duration.ZERO);
        return new Crawler(new SafeFetcher(policy));
    }

    private void page(String path, String html) {
        site.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", HTML).withBody(html)));
    }

    private void stub(MappingBuilder mapping) {
        site.stubFor(mapping);
    }

    private void robots(String text) {
        stub(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(text)));
    }

    private void acmeSite() {
        robots("""
                User-agent: *
                Disallow: /private
                Sitemap: %s/sitemap_index.xml
                """.formatted(base));
        stub(get(urlEqualTo("/sitemap_index.xml")).willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%s/sitemap-pages.xml</loc></sitemap>
                </sitemapindex>""".formatted(base))));
        stub(get(urlEqualTo("/sitemap-pages.xml")).willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/</loc></url>
                  <url><loc>%1$s/help-center</loc></url>
                  <url><loc>%1$s/private/hidden</loc></url>
                  <url><loc>%1$s/brochure.pdf</loc></url>
                </urlset>""".formatted(base))));
        page("/", """
                <html><head><title>Acme Store</title></head><body>
                <nav><a href="/">Home</a> Navigation menu text</nav>
                <h1>Welcome to Acme</h1><p>We sell rockets and roller skates to coyotes everywhere.</p>
                <a href="/faq?utm_source=newsletter&utm_medium=email#shipping">FAQ</a>
                <a href="/faq#returns">Returns</a>
                <a href="faq/">FAQ again</a>
                <a href="/products/">Products</a>
                <a href="/about">About</a>
                <a href="/private/admin">Admin</a>
                <a href="/old-shipping">Shipping</a>
                <a href="/broken">Broken</a>
                <a href="/partner">Partner</a>
                <a href="/go-private">Sneaky</a>
                <a href="/cart">Cart</a> <a href="/account/orders">Orders</a> <a href="/wp-admin/">WP</a>
                <a href="/tag/rockets">Tag</a> <a href="/blog/page/2">Older posts</a> <a href="/login?next=/faq">Log in</a>
                <a href="/catalogue.pdf">Catalogue</a> <a href="/logo.png">Logo</a>
                <a href="mailto:info@acme.test">Mail</a> <a href="tel:+34123456">Call</a>
                <a href="javascript:void(0)">JS</a> <a href="#top">Top</a>
                <a href="https://elsewhere.example/faq">Partner FAQ</a>
                </body></html>""");
        page("/faq", """
                <html><head><title>FAQ – Acme Store</title></head><body>
                <header>Acme header</header>
                <main><p>How long does shipping take? Rockets ship within two days.</p></main>
                <a href="/faq?utm_campaign=again">self</a> <a href="/">home</a>
                <a href="/products/search?q=rockets&amp;page=2">search</a>
                <footer>Copyright Acme</footer>
                </body></html>""");
        page("/products", """
                <html><head><title>Products</title></head><body><p>Rockets, skates.</p>
                <a href="/products/rockets">Rockets</a></body></html>""");
        page("/products/rockets", """
                <html><head><title>Rockets</title></head><body><p>Fast.</p>
                <a href="/products/rockets/specs">Specs</a></body></html>""");
        page("/products/rockets/specs", "<html><head><title>Specs</title></head><body>Too deep</body></html>");
        page("/products/search", "<html><head><title>Search results</title></head><body>2 results</body></html>");
        page("/about", "<html><head><title>About us</title></head><body><p>Family business.</p></body></html>");
        page("/help-center", "<html><head><title>Help Center FAQ</title></head><body><p>Answers.</p></body></html>");
        page("/shipping-policy", "<html><head><title>Shipping policy</title></head><body><p>Free.</p></body></html>");
        page("/private/admin", "<html><head><title>Admin</title></head><body>secret</body></html>");
        page("/private/hidden", "<html><head><title>Hidden</title></head><body>secret</body></html>");
        stub(get(urlEqualTo("/old-shipping")).willReturn(aResponse().withStatus(301).withHeader("Location", "/shipping-policy")));
        stub(get(urlEqualTo("/partner")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + site.port() + "/partner-page")));
        stub(get(urlEqualTo("/go-private")).willReturn(aResponse().withStatus(302).withHeader("Location", "/private/admin")));
        stub(get(urlEqualTo("/broken")).willReturn(aResponse().withStatus(500)));
    }

    private List<String> paths(List<DiscoveredPage> pages) {
        return pages.stream().map(p -> p.url().substring(base.length())).toList();
    }

    @Test
    void crawlsTheSiteInRelevanceOrderAndObeysRobotsTxt() {
        acmeSite();

        List<DiscoveredPage> pages = crawler().crawl(new CrawlRequest(base + "/", 2, 50, List.of("faq")));

        assertThat(paths(pages)).containsExactly(
                "/faq",                           // keyword in title and path, depth 1: 0.85
                "/help-center",                   // only in the sitemap, keyword in title: 0.65
                "/",                              // the rest by depth, then URL
                "/about", "/products", "/shipping-policy",
                "/products/rockets");
        DiscoveredPage faq = pages.get(0);
        assertThat(faq.title()).isEqualTo("FAQ – Acme Store");
        assertThat(faq.relevanceScore()).isEqualTo(0.85);
        assertThat(faq.depth()).isEqualTo(1);
        assertThat(faq.suggested()).isTrue();
        assertThat(faq.preview()).startsWith("How long does shipping take?").doesNotContain("Acme header", "Copyright");
        assertThat(pages.get(1).relevanceScore()).isEqualTo(0.65);
        assertThat(pages.get(1).suggested()).isTrue();
        assertThat(pages.stream().skip(2)).allSatisfy(p -> {
            assertThat(p.relevanceScore()).isZero();
            assertThat(p.suggested()).isFalse();
        });
        assertThat(pages.get(2).title()).isEqualTo("Acme Store");
        assertThat(pages.get(2).preview()).startsWith("Welcome to Acme We sell rockets").doesNotContain("Navigation menu");
        assertThat(pages).filteredOn(p -> p.url().endsWith("/shipping-policy")).singleElement()
                .satisfies(p -> assertThat(p.depth()).isEqualTo(1));

        // robots.txt: /private is never fetched, not even through the sitemap or a redirect
        site.verify(0, getRequestedFor(urlMatching("/private.*")));
        // one fetch per page, whatever the spelling of its links
        site.verify(1, getRequestedFor(urlPathEqualTo("/faq")));
        site.verify(0, getRequestedFor(urlMatching(".*utm_.*")));
        // depth limit, files and links leaving the site
        site.verify(0, getRequestedFor(urlEqualTo("/products/rockets/specs")));
        site.verify(0, getRequestedFor(urlMatching(".*\\.(pdf|png)")));
        site.verify(0, getRequestedFor(urlEqualTo("/partner-page")));
        // pages that never answer a customer: account, shop, admin, search results, lists
        for (String skipped : List.of("/cart", "/account/orders", "/wp-admin/", "/tag/rockets", "/blog/page/2",
                "/login?next=/faq", "/products/search?q=rockets&page=2")) {
            site.verify(0, getRequestedFor(urlEqualTo(skipped)));
        }
        // robots.txt read once; a failing page is skipped, not fatal
        site.verify(1, getRequestedFor(urlEqualTo("/robots.txt")));
        site.verify(1, getRequestedFor(urlEqualTo("/broken")));
    }

    @Test
    void aCrawlThatNamesNoKeywordsLooksForTheUsualHelpPages() {
        assertThat(CrawlRequest.of(base, null, null, null).filterKeywords()).containsExactly("faq", "docs", "documentation",
                "support", "help", "about", "guide", "tutorial", "api", "reference");
        assertThat(CrawlRequest.of(base, null, null, List.of()).filterKeywords()).isEmpty();
        acmeSite();

        List<DiscoveredPage> pages = crawler().crawl(CrawlRequest.of(base + "/", null, null, null));

        assertThat(paths(pages).subList(0, 3)).containsExactlyInAnyOrder("/faq", "/help-center", "/about");
    }

    @Test
    void withoutKeywordsTheShallowPagesAreSuggested() {
        acmeSite();

        List<DiscoveredPage> pages = crawler().crawl(new CrawlRequest(base, 2, 50, List.of()));

        assertThat(pages.get(0).url()).isEqualTo(base + "/");
        assertThat(pages.get(0).relevanceScore()).isEqualTo(1.0);
        assertThat(pages).allSatisfy(p -> assertThat(p.suggested()).isEqualTo(p.depth() <= 1));
        assertThat(pages).extracting(DiscoveredPage::depth).isSorted();
    }

    @Test
    void thePageLimitStopsTheCrawlInBreadthFirstOrder() {
        acmeSite();

        List<DiscoveredPage> pages = crawler().crawl(new CrawlRequest(base + "/", 2, 3, List.of()));

        assertThat(paths(pages)).containsExactly("/", "/faq", "/products");
        site.verify(0, getRequestedFor(urlEqualTo("/about")));
        site.verify(0, getRequestedFor(urlEqualTo("/products/rockets")));
    }

    @Test
    void depthZeroIsTheBasePageOnlyAndDepthOneStopsThere() {
        acmeSite();

        assertThat(paths(crawler().crawl(new CrawlRequest(base + "/", 0, 50, List.of())))).containsExactly("/");
        site.verify(0, getRequestedFor(urlMatching("/sitemap.*")));

        List<DiscoveredPage> depthOne = crawler().crawl(new CrawlRequest(base + "/", 1, 50, List.of()));
        assertThat(depthOne).extracting(DiscoveredPage::depth).containsOnly(0, 1);
        assertThat(paths(depthOne)).contains("/help-center", "/shipping-policy").doesNotContain("/products/rockets");
        site.verify(0, getRequestedFor(urlEqualTo("/products/rockets")));
    }

    @Test
    void requestLimitsAreCappedByTheServer() {
        CrawlRequest greedy = new CrawlRequest("https://example.com", 50, 100_000, List.of(" faq ", "", "faq", "help"));
        assertThat(greedy.maxDepth()).isEqualTo(5);
        assertThat(greedy.maxPages()).isEqualTo(200);
        assertThat(greedy.filterKeywords()).containsExactly("faq", "help");

        CrawlRequest defaults = CrawlRequest.of("https://example.com", null, null, null);
        assertThat(defaults.maxDepth()).isEqualTo(2);
        assertThat(defaults.maxPages()).isEqualTo(50);
        assertThat(new CrawlRequest("https://example.com", -1, 0, List.of()).maxPages()).isEqualTo(1);
    }

    @Test
    void withoutRobotsTxtEverythingIsAllowedAndSitemapXmlIsUsed() {
        // no robots.txt stub: WireMock answers 404
        stub(get(urlEqualTo("/sitemap.xml")).willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody("""
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%s/orphan</loc></url>
                </urlset>""".formatted(base))));
        page("/", "<html><head><title>Home</title></head><body><a href=\"/private/area\">p</a></body></html>");
        page("/private/area", "<html><head><title>Private area</title></head><body>x</body></html>");
        page("/orphan", "<html><head><title>Orphan</title></head><body>only in the sitemap</body></html>");

        List<DiscoveredPage> pages = crawler().crawl(new CrawlRequest(base + "/"));

        assertThat(paths(pages)).containsExactly("/", "/orphan", "/private/area");
    }

    @Test
    void gzippedSitemapsAndSitemapIndexesAreFollowed() throws Exception {
        robots("User-agent: *\nSitemap: %s/sitemap_index.xml\n".formatted(base));
        stub(get(urlEqualTo("/sitemap_index.xml")).willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody("""
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%s/pages.xml.gz</loc></sitemap>
                  <sitemap><loc>%s/more.txt.gz</loc></sitemap>
                </sitemapindex>""".formatted(base, base))));
        stub(get(urlEqualTo("/pages.xml.gz")).willReturn(aResponse().withHeader("Content-Type", "application/gzip")
                .withBody(gzip("""
                        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                          <url><loc>%s/from-gzipped-xml</loc></url>
                        </urlset>""".formatted(base)))));
        stub(get(urlEqualTo("/more.txt.gz")).willReturn(aResponse().withHeader("Content-Type", "application/x-gzip")
                .withBody(gzip(base + "/from-gzipped-text\n"))));
        page("/", "<html><head><title>Home</title></head><body>no links</body></html>");
        page("/from-gzipped-xml", "<html><head><title>A</title></head><body>a</body></html>");
        page("/from-gzipped-text", "<html><head><title>B</title></head><body>b</body></html>");

        List<DiscoveredPage> pages = crawler().crawl(new CrawlRequest(base + "/"));

        assertThat(paths(pages)).containsExactlyInAnyOrder("/", "/from-gzipped-xml", "/from-gzipped-text");
    }

    @Test
    void aGzippedSitemapLargerThanThePageLimitIsIgnored() throws Exception {
        robots("User-agent: *\nSitemap: %s/huge.xml.gz\n".formatted(base));
        String padding = "<!-- " + "x".repeat(64 * 1024) + " -->";
        stub(get(urlEqualTo("/huge.xml.gz")).willReturn(aResponse().withHeader("Content-Type", "application/gzip")
                .withBody(gzip("""
                        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s
                          <url><loc>%s/from-huge</loc></url>
                        </urlset>""".formatted(padding, base)))));
        page("/", "<html><head><title>Home</title></head><body>no links</body></html>");
        page("/from-huge", "<html><head><title>Huge</title></head><body>h</body></html>");
        FetchPolicy policy = FetchPolicy.defaults().withAllowPrivateNetworks(true).withPerHostInterval(Duration.ZERO)
                .withMaxBodyBytes(32 * 1024);

        List<DiscoveredPage> pages = new Crawler(new SafeFetcher(policy)).crawl(new CrawlRequest(base + "/"));

        assertThat(paths(pages)).containsExactly("/");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aForbiddenRobotsTxtStopsTheCrawlWithAClearReasonBeforeAnyPageIsFetched() {
        acmeSite();
        stub(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(403)));

        FetchException e = catchThrowableOfType(
                () -> crawler().crawl(new CrawlRequest(base + "/")), FetchException.class);

        assertThat(e.code()).isEqualTo("robots_disallowed");
        assertThat(e.getMessage()).contains("robots.txt").contains("403");
        site.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRobotsTxtThatCannotBeReadStopsTheCrawlToo() {
        acmeSite();
        stub(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(503)));

        FetchException e = catchThrowableOfType(
                () -> crawler().crawl(new CrawlRequest(base + "/")), FetchException.class);

        assertThat(e.code()).isEqualTo("robots_disallowed");
        assertThat(e.getMessage()).contains("could not be read");
        site.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBasePageDisallowedByRobotsTxtIsNotFetched() {
        acmeSite();
        robots("User-agent: WhatsAppAgentHub\nDisallow: /\n\nUser-agent: *\nAllow: /\n");

        FetchException e = catchThrowableOfType(
                () -> crawler().crawl(new CrawlRequest(base + "/")), FetchException.class);

        assertThat(e.code()).isEqualTo("robots_disallowed");
        site.verify(0, getRequestedFor(urlEqualTo("/")));
    }

    @Test
    void anUnreachableBaseUrlFailsTheCrawl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + closedPort + "/";

        FetchException e = catchThrowableOfType(() -> crawler().crawl(new CrawlRequest(closed)), FetchException.class);

        assertThat(e.code()).isEqualTo("unreachable");
        assertThat(e.getMessage()).contains("127.0.0.1");
    }

    @Test
    void aBaseUrlThatIsNotAnHtmlPageFailsTheCrawl() {
        stub(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));
        stub(get(urlEqualTo("/manual")).willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody("%PDF-1.7")));

        FetchException missing = catchThrowableOfType(
                () -> crawler().crawl(new CrawlRequest(base + "/missing")), FetchException.class);
        FetchException pdf = catchThrowableOfType(
                () -> crawler().crawl(new CrawlRequest(base + "/manual")), FetchException.class);

        assertThat(missing.code()).isEqualTo("http_error");
        assertThat(missing.httpStatus()).isEqualTo(404);
        assertThat(pdf.code()).isEqualTo("unsupported_content");
    }

    @Test
    void theDefaultPolicyRefusesToCrawlAnInternalSite() {
        acmeSite();
        Crawler crawler = new Crawler(new SafeFetcher(FetchPolicy.defaults()));

        FetchException e = catchThrowableOfType(() -> crawler.crawl(new CrawlRequest(base + "/")), FetchException.class);

        assertThat(e.code()).isEqualTo("url_not_allowed");
        assertThat(site.getAllServeEvents()).isEmpty();
    }

    @Test
    void aBaseUrlThatRedirectsIsListedUnderItsFinalUrl() {
        stub(get(urlEqualTo("/start")).willReturn(aResponse().withStatus(302).withHeader("Location", "/home/")));
        stub(get(urlEqualTo("/home/")).willReturn(aResponse().withHeader("Content-Type", HTML)
                .withBody("<html><head><title>Home</title></head><body><a href=\"/home\">self</a><a href=\"/next\">n</a></body></html>")));
        page("/next", "<html><head></head><body><h1>Next steps</h1></body></html>");

        List<DiscoveredPage> pages = crawler().crawl(new CrawlRequest(base + "/start"));

        assertThat(paths(pages)).containsExactly("/home", "/next");
        assertThat(pages.get(1).title()).isEqualTo("Next steps"); // no <title>: the h1
        site.verify(1, getRequestedFor(urlEqualTo("/home/")));
        site.verify(0, getRequestedFor(urlEqualTo("/home")));
    }

    @Test
    void theCrawlIsPoliteToTheSite() {
        acmeSite();
        AtomicLong now = new AtomicLong();
        HostPacer pacer = new HostPacer(Duration.ofSeconds(1), now::get, d -> now.addAndGet(d.toNanos()));
        FetchPolicy policy = FetchPolicy.defaults().withAllowPrivateNetworks(true);
        Crawler crawler = new Crawler(new SafeFetcher(policy, AddressGuard.anyAddress(), pacer));

        crawler.crawl(new CrawlRequest(base + "/", 2, 50, List.of("faq")));

        int requests = site.getAllServeEvents().size();
        assertThat(requests).isGreaterThan(10);
        assertThat(Duration.ofNanos(now.get())).as("one request per second, all to the same host")
                .isEqualTo(Duration.ofSeconds(requests - 1));
    }
}
