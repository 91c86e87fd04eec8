package hub.knowledge.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import hub.MisbehavingServer;
import hub.outbound.AddressGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF refusals, limits, redirects and politeness of {@link SafeFetcher}, against a local WireMock site. */
class SafeFetcherTest {

    private WireMockServer site;
    private int port;

    @BeforeEach
    void startSite() {
        site = new WireMockServer(wireMockConfig().dynamicPort());
        site.start();
        port = site.port();
    }

    @AfterEach
    void stopSite() {
        site.stop();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Fixture site allowed, no pacing. */
    private static FetchPolicy local() {
        return FetchPolicy.defaults().withAllowPrivateNetworks(true).withPerHostInterval(Duration.ZERO);
    }

    private static FetchException failure(Runnable fetch) {
        FetchException e = catchThrowableOfType(fetch::run, FetchException.class);
        assertThat(e).as("expected a FetchException").isNotNull();
        return e;
    }

    // --- SSRF with the default policy -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:%d/", "http://localhost:%d/", "http://LOCALHOST.:%d/", "http://[::1]:%d/",
            "http://0.0.0.0:%d/", "http://[::ffff:127.0.0.1]:%d/", "http://127.1:%d/", "http://2130706433:%d/",
            "http://[::]:%d/", "https://127.0.0.1:%d/", "gopher://127.0.0.1:%d/"})
    void theDefaultPolicyRefusesLoopbackWithoutConnecting(String template) {
        SafeFetcher fetcher = new SafeFetcher(FetchPolicy.defaults());
        site.stubFor(get(urlEqualTo("/")).willReturn(ok("internal admin page")));

        FetchException e = failure(() -> fetcher.fetch(URI.create(template.formatted(port))));

        assertThat(e.code()).isIn("url_not_allowed", "invalid_url");
        assertThat(site.getAllServeEvents()).as("no request may reach the local server").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data", "http://172.16.0.10/",
            "http://192.168.1.1/router", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/",
            "http://[::ffff:169.254.169.254]/", "http://224.0.0.1/", "http://255.255.255.255/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://metadata/", "http://printer.local/"})
    void theDefaultPolicyRefusesPrivateAndMetadataTargets(String target) {
        SafeFetcher fetcher = new SafeFetcher(FetchPolicy.defaults());
        long started = System.nanoTime();

        FetchException e = failure(() -> fetcher.fetch(URI.create(target)));

        assertThat(e.code()).isEqualTo("url_not_allowed");
        assertThat(e.getMessage()).contains("not a public internet host");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused before any connection attempt")
                .isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://ftp.example.com/pub/file.txt", "jar:file:/app.jar!/x",
            "data:text/html,hello", "javascript:alert(1)", "https://user:secret@example.com/"})
    void onlyPlainHttpAndHttpsUrlsAreFetched(String target) {
        FetchException e = failure(() -> new SafeFetcher(FetchPolicy.defaults()).fetch(URI.create(target)));

        assertThat(e.code()).isEqualTo("url_not_allowed");
        assertThat(e.getMessage()).doesNotContain("secret");
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIsPrivate() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        InetAddress privateAddress = InetAddress.getByName("10.0.0.7");
        SafeFetcher fetcher = new SafeFetcher(FetchPolicy.defaults(), AddressGuard.publicInternetOnly(),
                host -> new InetAddress[] {publicAddress, privateAddress}, new HostPacer(Duration.ZERO));

        FetchException e = failure(() -> fetcher.fetch(URI.create("https://rebind.example.com/")));

        assertThat(e.code()).isEqualTo("url_not_allowed");
    }

    @Test
    void aRedirectToAnInternalAddressIsRefused() {
        WireMockServer internal = new WireMockServer(wireMockConfig().dynamicPort());
        internal.start();
        try {
            internal.stubFor(get(urlEqualTo("/admin")).willReturn(ok("internal")));
            site.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(301).withHeader("Location", "/here")));
            site.stubFor(get(urlEqualTo("/here")).willReturn(ok("public page")));
            site.stubFor(get(urlEqualTo("/to-metadata")).willReturn(
                    aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/meta-data")));
            site.stubFor(get(urlEqualTo("/to-private")).willReturn(
                    aResponse().withStatus(307).withHeader("Location", "http://10.0.0.5/admin")));
            site.stubFor(get(urlEqualTo("/to-internal")).willReturn(
                    aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:" + internal.port() + "/admin")));
            site.stubFor(get(urlEqualTo("/to-file")).willReturn(
                    aResponse().withStatus(302).withHeader("Location", "file:///etc/passwd")));
            // The fixture plays a public site: only its own port on 127.0.0.1 passes, everything else as by default.
            AddressGuard fixtureIsPublic = (host, p, address) ->
                    (address.isLoopbackAddress() && p == port) || AddressGuard.publicInternetOnly().allows(host, p, address);
            SafeFetcher fetcher = new SafeFetcher(FetchPolicy.defaults(), fixtureIsPublic, new HostPacer(Duration.ZERO));

            assertThat(fetcher.fetch(url("/moved")).finalUrl()).isEqualTo(url("/here"));
            assertThat(failure(() -> fetcher.fetch(url("/to-metadata"))).code()).isEqualTo("url_not_allowed");
            assertThat(failure(() -> fetcher.fetch(url("/to-private"))).code()).isEqualTo("url_not_allowed");
            assertThat(failure(() -> fetcher.fetch(url("/to-internal"))).code()).isEqualTo("url_not_allowed");
            assertThat(failure(() -> fetcher.fetch(url("/to-file"))).code()).isEqualTo("url_not_allowed");
            assertThat(internal.getAllServeEvents()).isEmpty();
        } finally {
            internal.stop();
        }
    }

    // --- answers --------------------------------------------------------------------------------------

    @Test
    void fetchesAPageWithOurUserAgentAndFollowsRelativeRedirects() {
        site.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "new/page?x=1")));
        site.stubFor(get(urlEqualTo("/new/page?x=1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<p>Café</p>")));

        FetchedPage page = new SafeFetcher(local()).fetch(url("/old"), SafeFetcher.HTML);

        assertThat(page.finalUrl()).isEqualTo(url("/new/page?x=1"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.mediaType()).isEqualTo("text/html");
        assertThat(page.text()).isEqualTo("<p>Café</p>");
        assertThat(page.fetchedAt()).isNotNull();
        site.verify(getRequestedFor(urlEqualTo("/old"))
                .withHeader("User-Agent", equalTo("WhatsAppAgentHub/1.0 (+https://github.com/whatsapp-agent-hub)")));
    }

    @Test
    void theCharsetDeclaredInThePageIsUsedWhenTheHeaderHasNone() {
        byte[] latin1 = "<html><head><meta charset=\"iso-8859-1\"></head><body>Información</body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        site.stubFor(get(urlEqualTo("/latin")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(latin1)));

        assertThat(new SafeFetcher(local()).fetch(url("/latin")).text()).contains("Información");
    }

    @Test
    void endlessRedirectsStopAtTheLimit() {
        site.stubFor(get(urlEqualTo("/loop")).willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        FetchException e = failure(() -> new SafeFetcher(local().withMaxRedirects(3)).fetch(url("/loop")));

        assertThat(e.code()).isEqualTo("too_many_redirects");
        site.verify(4, getRequestedFor(urlEqualTo("/loop")));
    }

    @Test
    void errorStatusesAreHttpErrors() {
        site.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404).withBody("not here")));
        site.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        SafeFetcher fetcher = new SafeFetcher(local());

        FetchException notFound = failure(() -> fetcher.fetch(url("/gone")));
        FetchException down = failure(() -> fetcher.fetch(url("/down")));

        assertThat(notFound.code()).isEqualTo("http_error");
        assertThat(notFound.httpStatus()).isEqualTo(404);
        assertThat(notFound.getMessage()).contains("127.0.0.1").contains("404");
        assertThat(down.httpStatus()).isEqualTo(503);
    }

    @Test
    void aContentTypeTheCallerCannotUseIsRefused() {
        site.stubFor(get(urlEqualTo("/logo")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));

        FetchException e = failure(() -> new SafeFetcher(local()).fetch(url("/logo"), SafeFetcher.HTML));

        assertThat(e.code()).isEqualTo("unsupported_content");
        assertThat(e.getMessage()).contains("image/png");
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int closedPort = closed;

        FetchException e = failure(() -> new SafeFetcher(local()).fetch(URI.create("http://127.0.0.1:" + closedPort + "/")));

        assertThat(e.code()).isEqualTo("unreachable");
    }

    // --- limits ---------------------------------------------------------------------------------------

    @Test
    void bodiesOverTheLimitAreRefusedWithOrWithoutContentLength() {
        byte[] twoKib = new byte[2048];
        site.stubFor(get(urlEqualTo("/declared")).willReturn(aResponse().withBody(twoKib)));
        site.stubFor(get(urlEqualTo("/chunked")).willReturn(aResponse().withBody(twoKib).withChunkedDribbleDelay(4, 50)));
        site.stubFor(get(urlEqualTo("/exact")).willReturn(aResponse().withBody(new byte[1024])));
        SafeFetcher fetcher = new SafeFetcher(local().withMaxBodyBytes(1024));

        FetchException declared = failure(() -> fetcher.fetch(url("/declared")));
        FetchException chunked = failure(() -> fetcher.fetch(url("/chunked")));

        assertThat(declared.code()).isEqualTo("too_large");
        assertThat(declared.getMessage()).contains("1 KiB");
        assertThat(chunked.code()).isEqualTo("too_large");
        assertThat(fetcher.fetch(url("/exact")).body()).hasSize(1024);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeTimesOut() {
        site.stubFor(get(urlEqualTo("/slow")).willReturn(ok("late").withFixedDelay(6000)));
        SafeFetcher fetcher = new SafeFetcher(local().withRequestTimeout(Duration.ofMillis(400)));
        long started = System.nanoTime();

        FetchException e = failure(() -> fetcher.fetch(url("/slow")));

        assertThat(e.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4000)); // the server would take 6 s
    }

    @Test
    void aBodyThatTricklesInLongerThanTheRequestTimeoutTimesOut() {
        site.stubFor(get(urlEqualTo("/trickle")).willReturn(ok("x".repeat(100)).withChunkedDribbleDelay(10, 6000)));
        SafeFetcher fetcher = new SafeFetcher(local().withRequestTimeout(Duration.ofMillis(400)));
        long started = System.nanoTime();

        FetchException e = failure(() -> fetcher.fetch(url("/trickle")));

        assertThat(e.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4000)); // the server would take 6 s
    }

    @Test
    void aGigabyteOrATrickledPageIsOneFailedFetchWithinItsDeadline() throws Exception {
        try (MisbehavingServer bad = new MisbehavingServer()) {
            SafeFetcher fetcher = new SafeFetcher(local().withRequestTimeout(Duration.ofSeconds(2)).withMaxBodyBytes(1024 * 1024));
            long started = System.nanoTime();

            FetchException huge = failure(() -> fetcher.fetch(URI.create(bad.url("/huge"))));
            FetchException declared = failure(() -> fetcher.fetch(URI.create(bad.url("/huge-declared"))));
            Duration hugeTook = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            FetchException trickled = failure(() -> fetcher.fetch(URI.create(bad.url("/trickle"))));
            Duration trickleTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(huge.code()).isEqualTo("too_large");
            assertThat(huge.getMessage()).endsWith("is larger than 1 MiB");
            assertThat(declared.code()).isEqualTo("too_large");
            assertThat(hugeTook).isLessThan(Duration.ofSeconds(3));
            assertThat(trickled.code()).isEqualTo("timeout");
            assertThat(trickleTook).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(4));
            assertThat(bad.bytesSent.get()).isLessThan(MisbehavingServer.ONE_GIB / 16);
        }
    }

    @Test
    void aSiteWhoseDnsAnswerTurnsPrivateAfterItWasAcceptedIsNotFetched() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        SafeFetcher fetcher = new SafeFetcher(FetchPolicy.defaults(), AddressGuard.publicInternetOnly(),
                host -> new InetAddress[] {lookups.incrementAndGet() == 1 ? publicAddress : InetAddress.getLoopbackAddress()},
                new HostPacer(Duration.ZERO));
        site.stubFor(get(urlEqualTo("/")).willReturn(ok("internal admin page")));
        URI url = URI.create("http://rebind.example.com:" + port + "/");

        fetcher.checkAllowed(url); // what the API checks when the URL is submitted
        FetchException e = failure(() -> fetcher.fetch(url));

        assertThat(e.code()).isEqualTo("url_not_allowed");
        assertThat(site.getAllServeEvents()).as("no request may reach the local server").isEmpty();
    }

    // --- politeness -----------------------------------------------------------------------------------

    @Test
    void requestsToOneHostAreSpacedByTheInterval() {
        site.stubFor(get(urlEqualTo("/a")).willReturn(ok("a")));
        site.stubFor(get(urlEqualTo("/b")).willReturn(ok("b")));
        site.stubFor(get(urlEqualTo("/c")).willReturn(ok("c")));
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        HostPacer pacer = new HostPacer(Duration.ofSeconds(1), now::get, d -> {
            waits.add(d);
            now.addAndGet(d.toNanos());
        });
        SafeFetcher fetcher = new SafeFetcher(local(), AddressGuard.anyAddress(), pacer);

        fetcher.fetch(url("/a"));
        fetcher.fetch(url("/b"));
        now.addAndGet(Duration.ofMillis(300).toNanos()); // the caller did something else for 0.3 s
        fetcher.fetch(url("/c"));
        fetcher.fetch(URI.create("http://localhost:" + port + "/a")); // another host: no wait

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(700));
        assertThat(site.getAllServeEvents()).hasSize(4);
    }

    @Test
    void theDefaultPacerReallyWaits() {
        site.stubFor(get(urlEqualTo("/a")).willReturn(ok("a")));
        SafeFetcher fetcher = new SafeFetcher(local().withPerHostInterval(Duration.ofMillis(300)));
        long started = System.nanoTime();

        fetcher.fetch(url("/a"));
        fetcher.fetch(url("/a"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
