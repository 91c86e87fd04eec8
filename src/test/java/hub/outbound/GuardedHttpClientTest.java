package hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import hub.MisbehavingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guarded client against real servers on loopback: with a public-internet-only guard and resolvers the
 * test controls, it never connects to an address it did not check; every exchange ends at its deadline and
 * at its byte limit.
 */
class GuardedHttpClientTest {

    private static final GuardedHttpClient.Settings SETTINGS = GuardedHttpClient.Settings.withConnectTimeout(Duration.ofSeconds(2));
    private static final long ONE_MIB = 1024 * 1024;

    private HttpServer internal;
    private final AtomicInteger internalRequests = new AtomicInteger();
    private final List<Integer> clientPorts = Collections.synchronizedList(new ArrayList<>());
    private final List<GuardedHttpClient> clients = new ArrayList<>();

    @BeforeEach
    void startInternalServer() throws IOException {
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", exchange -> {
            internalRequests.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = "{\"secret\":\"internal\"}".getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        internal.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(GuardedHttpClient::close);
        internal.stop(0);
    }

    private GuardedHttpClient client(AddressGuard guard, HostResolver resolver) {
        GuardedHttpClient client = new GuardedHttpClient(SETTINGS, guard, resolver);
        clients.add(client);
        return client;
    }

    /** Plays a public site: the internal server's port on 127.0.0.1 passes, everything else as by default. */
    private AddressGuard fixtureIsPublic() {
        int port = internal.getAddress().getPort();
        return (host, p, address) -> (address.isLoopbackAddress() && p == port)
                || AddressGuard.publicInternetOnly().allows(host, p, address);
    }

    private static OutboundException failure(ThrowingCall call) {
        OutboundException e = catchThrowableOfType(call::run, OutboundException.class);
        assertThat(e).as("expected an OutboundException").isNotNull();
        return e;
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static GuardedHttpClient.Request get(String url) {
        return GuardedHttpClient.Request.get(URI.create(url));
    }

    // ---- addresses ----

    @Test
    void aHostWhoseDnsAnswerTurnsPrivateAfterTheCheckIsNeverConnectedTo() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        AtomicInteger lookups = new AtomicInteger();
        // the first answer (the check when the URL is saved) is public, every later one is the internal server
        HostResolver rebinding = host -> new InetAddress[] {
                lookups.incrementAndGet() == 1 ? publicAddress : InetAddress.getLoopbackAddress()};
        GuardedHttpClient client = client(AddressGuard.publicInternetOnly(), rebinding);
        String url = "http://rebind.example.com:" + internal.getAddress().getPort() + "/admin";

        client.checkDestination(URI.create(url));
        OutboundException e = failure(() -> client.send(get(url), Deadline.in(Duration.ofSeconds(5)), ONE_MIB));

        assertThat(e.kind()).isEqualTo(OutboundException.Kind.NOT_ALLOWED);
        assertThat(e.getMessage()).contains("rebind.example.com").contains("not a public internet host");
        assertThat(lookups).as("the call resolved once and connected to nothing else").hasValue(2);
        assertThat(internalRequests).hasValue(0);
    }

    @Test
    void theClientConnectsToTheAddressItCheckedNotToAFreshLookup() throws Exception {
        // a name no DNS server knows: the connection can only have used the address the guarded lookup checked
        GuardedHttpClient client = client(fixtureIsPublic(), host -> new InetAddress[] {InetAddress.getLoopbackAddress()});

        GuardedHttpClient.Answer answer = client.send(get("http://tools.invalid-for-dns.example:"
                + internal.getAddress().getPort() + "/x"), Deadline.in(Duration.ofSeconds(5)), ONE_MIB);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(internalRequests).hasValue(1);
    }

    @Test
    void oneRefusedAddressAmongPublicOnesRefusesTheHost() throws Exception {
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        GuardedHttpClient client = client(AddressGuard.publicInternetOnly(),
                host -> new InetAddress[] {publicAddress, InetAddress.getLoopbackAddress()});

        OutboundException e = failure(() -> client.send(get("http://mixed.example.com:" + internal.getAddress().getPort() + "/"),
                Deadline.in(Duration.ofSeconds(5)), ONE_MIB));

        assertThat(e.kind()).isEqualTo(OutboundException.Kind.NOT_ALLOWED);
        assertThat(internalRequests).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/", "http://[::1]:%d/", "http://[::ffff:127.0.0.1]:%d/", "http://0.0.0.0:%d/",
            "http://localhost:%d/", "http://LOCALHOST.:%d/", "http://metadata.google.internal:%d/", "http://intranet:%d/"})
    void loopbackLiteralsAndInternalNamesAreRefusedWithoutARequest(String template) {
        GuardedHttpClient client = client(AddressGuard.publicInternetOnly(), HostResolver.system());

        OutboundException e = failure(() -> client.send(get(template.formatted(internal.getAddress().getPort())),
                Deadline.in(Duration.ofSeconds(5)), ONE_MIB));

        assertThat(e.kind()).isEqualTo(OutboundException.Kind.NOT_ALLOWED);
        assertThat(internalRequests).hasValue(0);
    }

    @Test
    void internalNamesAreRefusedBeforeAnyLookup() {
        GuardedHttpClient client = client(AddressGuard.publicInternetOnly(), host -> {
            throw new AssertionError("looked up " + host);
        });

        assertThat(failure(() -> client.checkDestination(URI.create("http://metadata.google.internal/computeMetadata/v1/")))
                .kind()).isEqualTo(OutboundException.Kind.NOT_ALLOWED);
        assertThat(failure(() -> client.send(get("http://printer.local/"), Deadline.in(Duration.ofSeconds(5)), ONE_MIB))
                .kind()).isEqualTo(OutboundException.Kind.NOT_ALLOWED);
    }

    @Test
    void redirectsAreNotFollowedByTheClient() throws Exception {
        GuardedHttpClient client = client(fixtureIsPublic(), HostResolver.system());

        GuardedHttpClient.Answer answer = client.send(get("http://127.0.0.1:" + internal.getAddress().getPort() + "/moved"),
                Deadline.in(Duration.ofSeconds(5)), ONE_MIB);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("location")).isEqualTo("http://169.254.169.254/latest/meta-data");
        assertThat(failure(() -> client.send(get(answer.header("Location")), Deadline.in(Duration.ofSeconds(5)), ONE_MIB))
                .kind()).as("the hop, sent as a request of its own, is checked").isEqualTo(OutboundException.Kind.NOT_ALLOWED);
    }

    @Test
    void connectionsAreReused() throws Exception {
        GuardedHttpClient client = client(AddressGuard.anyAddress(), HostResolver.system());
        String url = "http://127.0.0.1:" + internal.getAddress().getPort() + "/a";

        for (int i = 0; i < 3; i++) {
            assertThat(client.send(get(url), Deadline.in(Duration.ofSeconds(5)), ONE_MIB).text()).contains("internal");
        }

        assertThat(clientPorts).hasSize(3).containsOnly(clientPorts.get(0));
    }

    // ---- deadline and byte limit ----

    @Test
    void anAnswerTrickledAfterItsHeadersEndsAtTheDeadline() throws Exception {
        try (MisbehavingServer slow = new MisbehavingServer()) {
            GuardedHttpClient client = client(AddressGuard.anyAddress(), HostResolver.system());
            long started = System.nanoTime();

            OutboundException e = failure(() -> client.send(get(slow.url("/trickle")), Deadline.in(Duration.ofMillis(1500)), ONE_MIB));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(e.kind()).isEqualTo(OutboundException.Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("127.0.0.1 did not answer within 1500 ms");
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(2500));
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(slow.sending).as("the connection was closed, the server stopped").hasValue(0));
        }
    }

    @Test
    void aStreamedGigabyteStopsAtTheLimitWithoutDrainingTheRest() throws Exception {
        try (MisbehavingServer huge = new MisbehavingServer()) {
            GuardedHttpClient client = client(AddressGuard.anyAddress(), HostResolver.system());
            long started = System.nanoTime();

            OutboundException chunked = failure(() -> client.send(get(huge.url("/huge")), Deadline.in(Duration.ofSeconds(20)), ONE_MIB));
            OutboundException declared = failure(() -> client.send(get(huge.url("/huge-declared")),
                    Deadline.in(Duration.ofSeconds(20)), ONE_MIB));

            assertThat(chunked.kind()).isEqualTo(OutboundException.Kind.TOO_LARGE);
            assertThat(chunked.getMessage()).isEqualTo("127.0.0.1 sent an answer larger than 1 MiB");
            assertThat(declared.kind()).isEqualTo(OutboundException.Kind.TOO_LARGE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(huge.sending).hasValue(0));
            assertThat(huge.bytesSent.get()).as("the rest was not drained").isLessThan(64L * ONE_MIB);
        }
    }

    @Test
    void aClosedPortIsUnreachableAndAnUnknownHostIsNotFound() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        GuardedHttpClient client = client(AddressGuard.anyAddress(), host -> {
            throw new java.net.UnknownHostException(host);
        });
        GuardedHttpClient system = client(AddressGuard.anyAddress(), HostResolver.system());
        int port = closed;

        assertThat(failure(() -> system.send(get("http://127.0.0.1:" + port + "/"), Deadline.in(Duration.ofSeconds(5)), ONE_MIB))
                .kind()).isEqualTo(OutboundException.Kind.UNREACHABLE);
        OutboundException unknown = failure(() -> client.send(get("http://nowhere.example.com/"), Deadline.in(Duration.ofSeconds(5)), ONE_MIB));
        assertThat(unknown.kind()).isEqualTo(OutboundException.Kind.UNREACHABLE);
        assertThat(unknown.getMessage()).isEqualTo("Host not found: nowhere.example.com");
    }
}
