package hub.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import hub.TestProperties;
import hub.outbound.AddressGuard;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.tools.ToolUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The older HTTP+SSE transport with a public-internet-only client: the endpoint an MCP server announces is
 * requested like any other URL, so a host that turns private between the event stream and the POST gets
 * nothing.
 */
class McpClientTest {

    private HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean streamOpened = new java.util.concurrent.atomic.AtomicBoolean();
    private GuardedHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sse", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
                return;
            }
            streamOpened.set(true);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("event: endpoint\ndata: /messages?session=1\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(1000);
            } catch (IOException | InterruptedException closed) {
                // the client went away
            }
        });
        server.createContext("/messages", exchange -> {
            posts.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void anEndpointWhoseHostTurnsPrivateAfterTheStreamOpenedGetsNothing() throws Exception {
        int port = server.getAddress().getPort();
        // the test server plays a public host on its port; the host's next DNS answer is a private address
        AddressGuard fixtureIsPublic = (host, p, address) -> (address.isLoopbackAddress() && p == port)
                || AddressGuard.publicInternetOnly().allows(host, p, address);
        InetAddress privateAddress = InetAddress.getByName("10.0.0.5");
        http = new GuardedHttpClient(GuardedHttpClient.Settings.withConnectTimeout(Duration.ofSeconds(1)), fixtureIsPublic,
                host -> new InetAddress[] {streamOpened.get() ? privateAddress : InetAddress.getLoopbackAddress()});
        McpClient mcp = new McpClient(new ObjectMapper(), http, TestProperties.hub(Map.of()));
        McpClient.Server legacy = new McpClient.Server("http://mcp.example.com:" + port + "/sse", Map.of(), Map.of());

        ToolUnavailableException e = catchThrowableOfType(() -> mcp.listTools(legacy, Deadline.in(Duration.ofSeconds(5))),
                ToolUnavailableException.class);

        assertThat(e).isNotNull();
        assertThat(e.getCause()).isInstanceOfSatisfying(OutboundException.class,
                refused -> assertThat(refused.kind()).isEqualTo(OutboundException.Kind.NOT_ALLOWED));
        assertThat(streamOpened).isTrue();
        assertThat(posts).hasValue(0);
    }
}
