package hub.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import hub.TestProperties;
import hub.outbound.AddressGuard;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.tools.ToolUnavailableException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.McpTestServer;

/**
 * The SDK-based client against a real MCP server on both transports: one session per server and credentials,
 * the server's ping answered in the middle of a call, a forgotten session opened again, sessions ended with a
 * DELETE, the caller's identity on every request, and errors as the tool call reads them. And with a
 * public-internet-only client: the endpoint an MCP server announces on the older transport is requested like
 * any other URL, so a host that turns private between the event stream and the POST gets nothing.
 */
class McpClientTest {

    private static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + McpTestServer.TOKEN);
    private static final Map<String, String> CALLER = Map.of("X-Hub-Contact-Id", "contact-7", "X-Hub-Chatbot-Id", "bot-1");

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
        if (mcp != null) {
            mcp.destroy();
        }
        http.close();
        server.stop(0);
        mcpServer.close();
    }

    private final McpTestServer mcpServer = newMcpServer();
    private McpClient mcp;

    private static McpTestServer newMcpServer() {
        try {
            return new McpTestServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private McpClient loopbackClient() {
        http = new GuardedHttpClient(GuardedHttpClient.Settings.withConnectTimeout(Duration.ofSeconds(1)),
                (host, p, address) -> address.isLoopbackAddress());
        return mcp = new McpClient(http, TestProperties.hub(Map.of("hub.tools.timeout", "5s")));
    }

    private static Deadline seconds(int n) {
        return Deadline.in(Duration.ofSeconds(n));
    }

    private List<String> sessionsUsed() {
        return mcpServer.requests.stream().map(r -> r.split(" ")[1]).distinct().toList();
    }

    @Test
    void toolsAreListedAndCalledInOneSessionThatAnswersTheServersPing() {
        McpClient mcp = loopbackClient();
        McpClient.Server weather = new McpClient.Server(mcpServer.url(), AUTHORIZED, CALLER);

        List<McpSchema.Tool> tools = mcp.listTools(weather, seconds(5));
        McpSchema.CallToolResult madrid = mcp.callTool(weather, seconds(5), "get_weather", Map.of("city", "Madrid"));
        McpSchema.CallToolResult bilbao = mcp.callTool(weather, seconds(5), "get_weather", Map.of("city", "Bilbao"));

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("get_weather");
        assertThat(tools.get(0).inputSchema().required()).containsExactly("city");
        assertThat(((McpSchema.TextContent) madrid.content().get(0)).text()).contains("Madrid", "22 C");
        assertThat(((McpSchema.TextContent) bilbao.content().get(0)).text()).contains("Bilbao");
        assertThat(mcpServer.requests).extracting(r -> r.split(" ")[0]).containsExactly("initialize",
                "notifications/initialized", "tools/list", "tools/call", "pong", "tools/call", "pong");
        assertThat(sessionsUsed().subList(1, sessionsUsed().size())).singleElement().isNotEqualTo("null");
        assertThat(mcpServer.contactHeaders).hasSize(7).containsOnly("contact-7");
    }

    @Test
    void aSessionTheServerForgotIsOpenedAgainWithinTheCall() {
        McpClient mcp = loopbackClient();
        McpClient.Server weather = new McpClient.Server(mcpServer.url(), AUTHORIZED, CALLER);
        mcp.callTool(weather, seconds(5), "get_weather", Map.of("city", "Madrid"));

        mcpServer.forgetSessions();
        McpSchema.CallToolResult again = mcp.callTool(weather, seconds(5), "get_weather", Map.of("city", "Lugo"));

        assertThat(((McpSchema.TextContent) again.content().get(0)).text()).contains("Lugo");
        assertThat(mcpServer.requests).filteredOn(r -> r.startsWith("initialize")).hasSize(2);
    }

    @Test
    void differentCredentialsNeverShareASessionAndSessionsEndWithADelete() {
        McpClient mcp = loopbackClient();
        mcp.listTools(new McpClient.Server(mcpServer.url(), AUTHORIZED, CALLER), seconds(5));
        Map<String, String> otherCredentials = new java.util.HashMap<>(AUTHORIZED);
        otherCredentials.put("X-Api-Key", "other");
        mcp.listTools(new McpClient.Server(mcpServer.url(), otherCredentials, CALLER), seconds(5));
        mcp.listTools(new McpClient.Server(mcpServer.url(), AUTHORIZED, Map.of("X-Hub-Contact-Id", "contact-8")), seconds(5));
        List<String> opened = mcpServer.requests.stream().filter(r -> r.startsWith("notifications/initialized"))
                .map(r -> r.split(" ")[1]).toList();

        mcp.destroy();

        assertThat(opened).hasSize(2).doesNotHaveDuplicates();
        assertThat(mcpServer.requests).filteredOn(r -> r.startsWith("DELETE"))
                .containsExactlyInAnyOrderElementsOf(opened.stream().map(id -> "DELETE " + id).toList());
    }

    @Test
    void aJsonRpcErrorIsTheToolsErrorAndARefusedRequestMeansUnavailable() {
        McpClient mcp = loopbackClient();

        McpError toolError = catchThrowableOfType(() -> mcp.callTool(new McpClient.Server(mcpServer.url(),
                AUTHORIZED, CALLER), seconds(5), "no_such_tool", Map.of()), McpError.class);
        ToolUnavailableException unauthorized = catchThrowableOfType(() -> mcp.listTools(new McpClient.Server(mcpServer.url(),
                Map.of("Authorization", "Bearer wrong"), CALLER), seconds(5)), ToolUnavailableException.class);

        assertThat(toolError).hasMessage("Unknown tool: no_such_tool");
        assertThat(unauthorized).hasMessageContaining("HTTP 401");
    }

    @Test
    void aServerOnTheOlderTransportKeepsOneStreamForSeveralCallsAndGetsItsPingAnswered() {
        McpClient mcp = loopbackClient();
        McpClient.Server forecast = new McpClient.Server(mcpServer.legacyUrl(), AUTHORIZED, CALLER);

        List<McpSchema.Tool> tools = mcp.listTools(forecast, seconds(5));
        McpSchema.CallToolResult bilbao = mcp.callTool(forecast, seconds(5), "get_forecast", Map.of("city", "Bilbao"));
        McpSchema.CallToolResult vigo = mcp.callTool(forecast, seconds(5), "get_forecast", Map.of("city", "Vigo"));

        assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("get_forecast");
        assertThat(bilbao.structuredContent()).isEqualTo(Map.of("city", "Bilbao", "forecast", "lluvia"));
        assertThat(vigo.structuredContent()).isEqualTo(Map.of("city", "Vigo", "forecast", "lluvia"));
        assertThat(mcpServer.legacyStreamsOpened).hasValue(1);
        assertThat(mcpServer.requests).containsExactly("legacy initialize", "legacy notifications/initialized",
                "legacy tools/list", "legacy tools/call", "legacy pong", "legacy tools/call", "legacy pong");
    }

    @Test
    void anEventStreamTheServerEndedIsOpenedAgainForTheNextCall() throws Exception {
        McpClient mcp = loopbackClient();
        McpClient.Server forecast = new McpClient.Server(mcpServer.legacyUrl(), AUTHORIZED, CALLER);
        mcp.callTool(forecast, seconds(5), "get_forecast", Map.of("city", "Bilbao"));

        mcpServer.endLegacyStreams();
        Thread.sleep(300); // the client reads the end of the stream
        McpSchema.CallToolResult lugo = mcp.callTool(forecast, seconds(5), "get_forecast", Map.of("city", "Lugo"));

        assertThat(lugo.structuredContent()).isEqualTo(Map.of("city", "Lugo", "forecast", "lluvia"));
        assertThat(mcpServer.legacyStreamsOpened).hasValue(2);
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
        McpClient mcp = new McpClient(http, TestProperties.hub(Map.of()));
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
