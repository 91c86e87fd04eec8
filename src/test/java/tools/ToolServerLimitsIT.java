package tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.MisbehavingServer;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.conversation.ToolExecution;
import hub.conversation.ToolSpec;
import hub.tools.IntegrationRepository;
import hub.tools.ToolDispatcher;
import hub.tools.ToolKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tool servers that misbehave, through the real tool path (ToolDispatcher → direct:tool-dispatch → the
 * HTTP or MCP tool call → the guarded client): a trickled answer and a 1 GiB answer each cost one
 * timed-out or failed call within {@code hub.tools.timeout} + 2 s, fifty of them at once leave the webhook
 * answering at once, an MCP server cannot send the hub's requests to another address, and tool servers
 * learn who the call is for from headers the tenant's credentials cannot replace.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // hub.tools.timeout of its own: no later class reuses it
class ToolServerLimitsIT {

    static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ToolServerLimitsIT.class);
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(3);
    static final MisbehavingServer bad;
    static final McpTestServer mcp;

    static {
        try {
            bad = new MisbehavingServer();
            mcp = new McpTestServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void tools(DynamicPropertyRegistry registry) {
        registry.add("hub.tools.timeout", () -> TOOL_TIMEOUT.toSeconds() + "s");
    }

    @AfterAll
    static void stop() {
        bad.close();
        mcp.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    ToolDispatcher dispatcher;
    @Autowired
    IntegrationRepository integrations;

    Tenant tenant;
    ToolDispatcher.Caller caller;

    @BeforeEach
    void setUp() {
        tenant = tenants.create("Limits " + UUID.randomUUID());
        caller = new ToolDispatcher.Caller(tenant.organizationId(), tenant.chatbotId(), UUID.randomUUID(), "5215550009999", "Ana");
    }

    private ToolExecution call(String type, String serverUrl) {
        return call(new ToolSpec("report", "Builds a report", null, type, null, Map.of("server_url", serverUrl)), Map.of());
    }

    private ToolExecution call(ToolSpec tool, Map<String, Object> arguments) {
        return dispatcher.execute(caller, tool, arguments, 0);
    }

    @Test
    void aToolThatFailsInsideTheHubSaysSoWithoutItsInternals() {
        ToolExecution lost = call(new ToolSpec("report", "Builds a report", null, "route", null, Map.of("route", "no_such_route")),
                Map.of());
        assertThat(lost.status()).isEqualTo("failed");
        assertThat(lost.errorMessage()).isEqualTo("Tool 'report' failed inside the hub");
        assertThat(lost.result()).doesNotContain("direct:", "consumer", "Exception");
    }

    @Test
    void aTrickledOrGigabyteAnswerIsOneTimedOutOrFailedCall() {
        bad.bytesSent.set(0);
        long started = System.nanoTime();
        ToolExecution trickled = call("http", bad.url("/trickle"));
        Duration trickleTook = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        ToolExecution huge = call("http", bad.url("/huge"));
        Duration hugeTook = Duration.ofNanos(System.nanoTime() - started);

        started = System.nanoTime();
        ToolExecution mcpTrickled = call("mcp", bad.url("/trickle/mcp"));
        Duration mcpTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(trickled.status()).isEqualTo("timeout");
        assertThat(trickled.errorMessage()).isEqualTo("Tool 'report' timed out");
        assertThat(trickleTook).isBetween(TOOL_TIMEOUT.minusMillis(200), TOOL_TIMEOUT.plusSeconds(2));
        assertThat(huge.status()).isEqualTo("failed");
        assertThat(huge.errorMessage()).contains("larger than 1 MiB");
        assertThat(hugeTook).isLessThan(TOOL_TIMEOUT.plusSeconds(2));
        assertThat(mcpTrickled.status()).isEqualTo("timeout");
        assertThat(mcpTook).isLessThan(TOOL_TIMEOUT.plusSeconds(2));
        assertThat(bad.bytesSent.get()).as("the gigabyte was not read to its end").isLessThan(MisbehavingServer.ONE_GIB / 16);
    }

    @Test
    void fiftyMisbehavingCallsAtOnceLeaveTheWebhookAnswering() throws Exception {
        HubHttp http = new HubHttp(port);
        for (int i = 0; i < 30; i++) {
            postWebhook(http); // warm-up
        }
        // fifty calls at once, half of them to a 1 GiB tool server; each caller then calls a trickling tool server
        // again as soon as its call ended, so fifty calls stay in flight while the webhooks are timed
        ExecutorService workers = Executors.newFixedThreadPool(50);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<ToolExecution> executions = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> callers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String first = i % 2 == 0 ? "/trickle" : "/huge";
                callers.add(workers.submit(() -> {
                    executions.add(call("http", bad.url(first)));
                    while (!stop.get()) {
                        executions.add(call("http", bad.url("/trickle")));
                    }
                }));
            }
            Thread.sleep(300);
            List<Long> latencies = new ArrayList<>();
            long started = System.nanoTime();
            while (Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(8)) < 0) {
                latencies.add(postWebhook(http));
            }
            stop.set(true);
            for (Future<?> caller : callers) {
                caller.get(TOOL_TIMEOUT.plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
            }

            Collections.sort(latencies);
            long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            log.info("Webhook latency while 50 misbehaving tool calls ran: p50 {} ms, p99 {} ms, max {} ms over {} posts",
                    latencies.get(latencies.size() / 2), p99, latencies.get(latencies.size() - 1), latencies.size());
            assertThat(latencies).as("webhooks posted while the calls ran").hasSizeGreaterThan(100);
            assertThat(p99).as("webhook p99 in ms, of " + latencies.size()).isLessThan(100);
            assertThat(executions).hasSizeGreaterThan(50).allSatisfy(execution -> {
                assertThat(execution.status()).isIn("timeout", "failed");
                assertThat(execution.durationMs()).isLessThan(TOOL_TIMEOUT.plusSeconds(2).toMillis());
            });
            assertThat(executions).filteredOn(execution -> execution.status().equals("failed")).hasSize(25);
        } finally {
            stop.set(true);
            workers.shutdownNow();
        }
    }

    private long postWebhook(HubHttp http) {
        String body = HubHttp.textMessage("990" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L),
                "5215550001234", "wamid.limits." + UUID.randomUUID(), "hola");
        long started = System.nanoTime();
        int status = http.postSignedWebhook(body).statusCode();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(status).isEqualTo(200);
        return took;
    }

    @Test
    void anMcpServerCannotSendTheHubsRequestsToAnotherAddress() throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger reachedTarget = new AtomicInteger();
        target.createContext("/", exchange -> {
            reachedTarget.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        target.start();
        AtomicReference<String> announced = new AtomicReference<>();
        AtomicInteger postsToSseServer = new AtomicInteger();
        HttpServer legacy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        legacy.createContext("/", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                postsToSseServer.incrementAndGet();
                exchange.sendResponseHeaders(405, -1); // only the older transport
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("event: endpoint\ndata: " + announced.get() + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        legacy.start();
        try {
            int targetPort = target.getAddress().getPort();
            int ssePort = legacy.getAddress().getPort();
            for (String endpoint : List.of("http://127.0.0.1:" + targetPort + "/messages?session=1",
                    "//127.0.0.1:" + targetPort + "/messages", "http://[::1]:" + targetPort + "/messages",
                    "http://localhost:" + ssePort + "/messages", "http://169.254.169.254/latest/meta-data",
                    "http://10.0.0.5:" + ssePort + "/messages")) {
                announced.set(endpoint);
                postsToSseServer.set(0);

                ToolExecution refused = call("mcp", "http://127.0.0.1:" + ssePort + "/sse");

                assertThat(refused.status()).as(endpoint).isEqualTo("failed");
                assertThat(refused.errorMessage()).as(endpoint).contains("endpoint on another origin");
                assertThat(postsToSseServer).as("only the Streamable HTTP probe reached the server").hasValueLessThanOrEqualTo(1);
            }
            assertThat(reachedTarget).as("nothing was sent to the announced address").hasValue(0);
        } finally {
            legacy.stop(0);
            target.stop(0);
        }
    }

    @Test
    void toolServersLearnWhoTheCallIsForFromHeadersTheCredentialsCannotReplace() throws Exception {
        HttpServer crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Headers> received = Collections.synchronizedList(new ArrayList<>());
        crm.createContext("/crm/tools/whoami", exchange -> {
            received.add(exchange.getRequestHeaders());
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        crm.start();
        try {
            Map<String, String> forged = Map.of("Authorization", "Bearer crm-secret", "X-Hub-Contact-Id", "someone-else",
                    "x-hub-customer-phone", "5215550000000", "X-HUB-CHATBOT-ID", UUID.randomUUID().toString());
            UUID http = integrations.create(tenant.organizationId(), ToolKind.HTTP, "CRM " + UUID.randomUUID(), "CRM",
                    Map.of("server_url", "http://127.0.0.1:" + crm.getAddress().getPort() + "/crm"), forged, true);
            UUID mcpServer = integrations.create(tenant.organizationId(), ToolKind.MCP, "Weather " + UUID.randomUUID(), "Weather",
                    Map.of("server_url", mcp.url()), Map.of("Authorization", "Bearer " + McpTestServer.TOKEN,
                            "X-Hub-Contact-Id", "someone-else"), true);
            mcp.callerContacts.clear();

            ToolExecution who = call(new ToolSpec("whoami", "Who", null, "http", http,
                    Map.of("server_url", "http://127.0.0.1:" + crm.getAddress().getPort() + "/crm")),
                    Map.of("X-Hub-Contact-Id", "someone-else", "phone", "5215550000000"));
            ToolExecution weather = call(new ToolSpec("get_weather", "Weather", null, "mcp", mcpServer,
                    Map.of("server_url", mcp.url())), Map.of("city", "Madrid"));

            assertThat(who.status()).isEqualTo("success");
            assertThat(received).singleElement().satisfies(headers -> {
                assertThat(headers.get("X-Hub-Contact-Id")).containsExactly(caller.contactId().toString());
                assertThat(headers.get("X-Hub-Customer-Phone")).containsExactly("5215550009999");
                assertThat(headers.get("X-Hub-Chatbot-Id")).containsExactly(tenant.chatbotId().toString());
                assertThat(headers.get("Authorization")).containsExactly("Bearer crm-secret");
            });
            assertThat(weather.status()).isEqualTo("success");
            assertThat(mcp.callerContacts).containsExactly(List.of(caller.contactId().toString()));
        } finally {
            crm.stop(0);
        }
    }
}
