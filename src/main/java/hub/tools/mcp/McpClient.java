package hub.tools.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import hub.config.HubProperties;
import hub.outbound.Amounts;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.tools.ToolUnavailableException;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * The hub's MCP client: the official MCP Java SDK over the {@link GuardedHttpClient} (addresses checked when
 * connecting, no redirects, at most {@code hub.tools.max-response-bytes} per answer). A server is spoken to over
 * Streamable HTTP, or over the older HTTP+SSE transport when it refuses that. Sessions are kept per server URL
 * and credentials (never shared between different credentials), opened again when the server forgets one, and
 * closed once unused for ten minutes, when evicted or when the hub stops. Each operation has one {@link Deadline}
 * for all its requests, and the caller's identity headers go out on each of them.
 */
@Component
public class McpClient implements DisposableBean {

    /**
     * An MCP server as one integration calls it: its URL, the integration's credential headers and the headers
     * saying who the call is for.
     */
    public record Server(String url, Map<String, String> credentials, Map<String, String> identity) {
    }

    private record Key(String url, Map<String, String> credentials) {
    }

    private record Session(McpAsyncClient client, GuardedTransport transport) {
        Mono<Void> close() {
            return client.closeGracefully().onErrorComplete();
        }
    }

    private final Scheduler streamReaders = Schedulers.newBoundedElastic(1_000, 1_000, "mcp-event-stream", 60, true);
    private final GuardedTransport.Link link;
    private final Set<String> olderTransportServers = ConcurrentHashMap.newKeySet();
    private final Cache<Key, Session> sessions = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .<Key, Session>removalListener((key, session, cause) -> session.close().subscribe())
            .build();

    public McpClient(GuardedHttpClient http, HubProperties hub) {
        this.link = new GuardedTransport.Link(http, hub.tools().maxResponseBytes().toBytes(), hub.tools().timeout(),
                new JacksonMcpJsonMapper(new ObjectMapper()), streamReaders::schedule);
    }

    /** Every tool of the server, all pages within the deadline. */
    public List<McpSchema.Tool> listTools(Server server, Deadline deadline) {
        return run(server, deadline, McpAsyncClient::listTools).tools();
    }

    /** The result of {@code tools/call}: its content, structured content and {@code isError}. */
    public McpSchema.CallToolResult callTool(Server server, Deadline deadline, String name, Map<String, Object> arguments) {
        return run(server, deadline, client -> client.callTool(new McpSchema.CallToolRequest(name,
                arguments == null ? Map.of() : arguments)));
    }

    private <T> T run(Server server, Deadline deadline, Function<McpAsyncClient, Mono<T>> operation) {
        Key key = new Key(server.url().strip(), Map.copyOf(server.credentials()));
        Context call = Context.of(McpTransportContext.KEY, McpTransportContext.create(Map.of(GuardedTransport.Call.class.getName(),
                new GuardedTransport.Call(deadline, Map.copyOf(server.identity()), null))));
        for (int attempt = 0; ; attempt++) {
            Session session = sessions.asMap().compute(key, (k, open) -> open != null && open.transport().isOpen() ? open : open(k));
            boolean established = session.client().isInitialized();
            try {
                return operation.apply(session.client()).or(session.transport().broken())
                        .timeout(deadline.remaining()).contextWrite(call).block();
            } catch (RuntimeException e) {
                RuntimeException failure = failure(e, deadline);
                if (!session.client().isInitialized() || failure instanceof GuardedTransport.StartOver) {
                    sessions.asMap().remove(key, session);
                }
                // an established session whose event stream the server ended under the operation is opened again too
                boolean startOver = failure instanceof GuardedTransport.StartOver || established && !session.transport().isOpen();
                if (!startOver || attempt > 0) {
                    throw failure;
                }
                if (failure instanceof GuardedTransport.StartOver again && again.olderTransport) {
                    olderTransportServers.add(key.url());
                }
            }
        }
    }

    private Session open(Key key) {
        URI url;
        try {
            url = URI.create(key.url());
        } catch (IllegalArgumentException e) {
            throw new ToolUnavailableException("MCP server URL is not valid");
        }
        GuardedTransport transport = olderTransportServers.contains(key.url())
                ? new GuardedTransport.Sse(link, url, key.credentials()) : new GuardedTransport.StreamableHttp(link, url, key.credentials());
        return new Session(io.modelcontextprotocol.client.McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("whatsapp-agent-hub", "0.1.0"))
                .requestTimeout(link.budget()).initializationTimeout(link.budget()).build(), transport);
    }

    /**
     * The reason inside the SDK's wrappers, as the tool call reads it: the server's JSON-RPC error ({@link McpError}:
     * unknown tool, invalid arguments ...) is the tool's error, anything else means the server is unavailable.
     */
    private static RuntimeException failure(Throwable e, Deadline deadline) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ToolUnavailableException unavailable) {
                return unavailable;
            }
            if (t instanceof McpError rpc) {
                return rpc;
            }
            if (t instanceof TimeoutException) {
                return new ToolUnavailableException("MCP server did not answer within " + Amounts.seconds(deadline.budget()), t);
            }
        }
        return new ToolUnavailableException("MCP server failed: " + e.getMessage(), e);
    }

    /** Ends every session (DELETE on Streamable HTTP) when the hub stops. */
    @Override
    public void destroy() {
        Flux.fromIterable(sessions.asMap().values()).flatMap(Session::close).take(Duration.ofSeconds(10)).blockLast();
        sessions.invalidateAll();
        streamReaders.dispose();
    }
}
