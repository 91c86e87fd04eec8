package hub.tools.mcp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.GuardedHttpClient.OpenAnswer;
import hub.outbound.GuardedHttpClient.Request;
import hub.outbound.OutboundException;
import hub.tools.ToolUnavailableException;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.DefaultSseMessageEndpointValidator;
import io.modelcontextprotocol.client.transport.InvalidSseMessageEndpointException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.ProtocolVersions;
import io.modelcontextprotocol.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * The hub's MCP client transports, Streamable HTTP and the older HTTP+SSE. Custom rather than the SDK's stock
 * transports because those use the JDK HttpClient, and every byte to an MCP server goes through the
 * {@link GuardedHttpClient}. The SDK keeps the protocol (initialize, request ids, ping answers, tools/list,
 * tools/call); a transport moves JSON-RPC messages with the integration's credentials and within the {@link Call}
 * of the operation they belong to, which {@link McpClient} puts in the Reactor context.
 */
abstract class GuardedTransport implements McpClientTransport {

    private static final Logger log = LoggerFactory.getLogger(GuardedTransport.class);

    /** What every transport is given: the client, the byte limit, the operations' budget, JSON, stream readers. */
    record Link(GuardedHttpClient http, long maxBytes, Duration budget, McpJsonMapper json, Executor readers) {
    }

    /** One operation: its deadline, who it is for, and the protocol version the SDK negotiated (null before). */
    record Call(Deadline deadline, Map<String, String> identity, String protocolVersion) {
    }

    /** The server forgot the session, or does not speak Streamable HTTP: the operation starts over once. */
    static final class StartOver extends ToolUnavailableException {
        final boolean olderTransport;

        StartOver(String message, boolean olderTransport) {
            super(message);
            this.olderTransport = olderTransport;
        }
    }

    protected final Link link;
    protected final URI url;
    protected final Map<String, String> credentials;
    private final AtomicReference<Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>>> handler = new AtomicReference<>();
    private volatile Call lastCall;

    GuardedTransport(Link link, URI url, Map<String, String> credentials) {
        this.link = link;
        this.url = url;
        this.credentials = Map.copyOf(credentials);
    }

    protected abstract void send(JSONRPCMessage message, Call call);

    protected void open(Call call) {
    }

    /** Whether later operations can still use this transport. */
    boolean isOpen() {
        return true;
    }

    /** Fails an operation waiting for its answer when the transport breaks. */
    <T> Mono<T> broken() {
        return Mono.never();
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        this.handler.set(handler);
        return Mono.deferContextual(ctx -> Mono.fromRunnable(() -> open(call(ctx))));
    }

    /** Blocks the subscribing thread: the operation's own, which waits for the answer anyway, or the stream reader. */
    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.deferContextual(ctx -> Mono.fromRunnable(() -> send(message, call(ctx))));
    }

    /** The versions the SDK may agree on; it asks for the last. */
    @Override
    public List<String> protocolVersions() {
        return List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18,
                ProtocolVersions.MCP_2025_11_25);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return link.json().convertValue(data, type);
    }

    private Call call(ContextView ctx) {
        McpTransportContext context = ctx.getOrDefault(McpTransportContext.KEY, McpTransportContext.EMPTY);
        String version = ctx.getOrDefault(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION, null);
        if (context.get(Call.class.getName()) instanceof Call call) {
            return lastCall = new Call(call.deadline(), call.identity(), version);
        }
        // the SDK answers the server's own requests (ping) outside any operation: like the latest one, in a fresh budget
        Call last = Objects.requireNonNullElse(lastCall, new Call(null, Map.of(), null));
        return new Call(Deadline.in(link.budget()), last.identity(), last.protocolVersion());
    }

    /** The integration's credentials, then the hub's identity headers, which win. */
    protected Request post(URI target, JSONRPCMessage message, Call call) {
        try {
            return Request.post(target, "application/json", link.json().writeValueAsBytes(message)).headers(credentials)
                    .headers(call.identity());
        } catch (IOException e) {
            throw new ToolUnavailableException("MCP message could not be written", e);
        }
    }

    /** Hands a message of the server to the SDK; returns it, or null when it is not JSON-RPC. */
    protected JSONRPCMessage receive(String data) {
        try {
            JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(link.json(), data);
            handler.get().apply(Mono.just(message)).subscribe();
            return message;
        } catch (IOException | IllegalArgumentException notJsonRpc) {
            return null;
        }
    }

    /** Reads server-sent events until the stream ends or {@code done} says so. */
    protected static void readEvents(OpenAnswer answer, Predicate<ServerSentEvent> done) throws IOException {
        IOException[] failure = new IOException[1];
        new DefaultServerSentEventParser().parse(answer.body(), new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                if (done.test(event)) {
                    context.parsingHandle().cancel();
                }
            }

            @Override
            public void onError(Throwable e) {
                failure[0] = e instanceof IOException io ? io : new IOException(e);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    protected static ToolUnavailableException unavailable(IOException e) {
        return e instanceof OutboundException ? new ToolUnavailableException("MCP server: " + e.getMessage(), e)
                : new ToolUnavailableException("MCP server sent an unreadable answer", e);
    }

    protected static void check(int status) {
        if (status / 100 != 2) {
            throw new ToolUnavailableException("MCP server answered HTTP " + status);
        }
    }

    /**
     * Streamable HTTP: every message is a POST to the server's URL with the session it gave on {@code initialize};
     * a request's answer comes as JSON or as an SSE stream, which may first carry the server's own requests (ping).
     * Closing ends the session with a DELETE.
     */
    static final class StreamableHttp extends GuardedTransport {

        private final AtomicReference<String> session = new AtomicReference<>();

        StreamableHttp(Link link, URI url, Map<String, String> credentials) {
            super(link, url, credentials);
        }

        @Override
        protected void send(JSONRPCMessage message, Call call) {
            boolean initialize = message instanceof JSONRPCRequest r && McpSchema.METHOD_INITIALIZE.equals(r.method());
            String sessionId = session.get();
            Request request = post(url, message, call).header("Accept", "application/json, text/event-stream");
            request = sessionId == null ? request : request.header(HttpHeaders.MCP_SESSION_ID, sessionId);
            request = call.protocolVersion() == null ? request : request.header(HttpHeaders.PROTOCOL_VERSION, call.protocolVersion());
            try (OpenAnswer answer = link.http().open(request, call.deadline(), link.maxBytes())) {
                if (initialize && (answer.status() == 404 || answer.status() == 405)) {
                    throw new StartOver("the MCP server does not accept Streamable HTTP", true);
                }
                if (answer.status() == 404 && sessionId != null) {
                    session.compareAndSet(sessionId, null);
                    throw new StartOver("the MCP server forgot its session", false);
                }
                check(answer.status());
                if (initialize && answer.header(HttpHeaders.MCP_SESSION_ID) != null) {
                    session.set(answer.header(HttpHeaders.MCP_SESSION_ID));
                }
                if (message instanceof JSONRPCRequest sent && !answered(answer, sent.id())) {
                    throw new ToolUnavailableException("MCP server sent no answer to " + sent.method());
                }
            } catch (IOException e) {
                throw unavailable(e);
            }
        }

        /** Reads the answer to request {@code id}, handing what the server sent before it to the SDK too. */
        private boolean answered(OpenAnswer answer, Object id) throws IOException {
            if (!Objects.requireNonNullElse(answer.header("Content-Type"), "").contains("text/event-stream")) {
                return receive(new String(answer.readAll(), StandardCharsets.UTF_8)) instanceof JSONRPCResponse r && id.equals(r.id());
            }
            boolean[] answered = new boolean[1];
            readEvents(answer, event -> answered[0] = receive(event.data()) instanceof JSONRPCResponse r && id.equals(r.id()));
            return answered[0];
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> {
                String sessionId = session.getAndSet(null);
                try {
                    if (sessionId != null) {
                        link.http().send(new Request("DELETE", url, List.of(), null).headers(credentials)
                                .header(HttpHeaders.MCP_SESSION_ID, sessionId), Deadline.in(link.budget()), link.maxBytes());
                    }
                } catch (IOException e) {
                    log.debug("MCP session at {} not ended: {}", url.getHost(), e.getMessage());
                }
            }).subscribeOn(Schedulers.boundedElastic()).then();
        }
    }

    /**
     * The older HTTP+SSE transport: a GET opens an event stream whose {@code endpoint} event names the URL to POST
     * messages to; answers and the server's own requests come on the stream. The endpoint must be on the server's
     * origin (the SDK's rule: scheme, host, port, no path traversal), so a server cannot send the hub's requests
     * elsewhere, and each POST is checked by the guarded client like any request. The stream lasts as long as the
     * session, at most {@link #STREAM_LIFETIME} and {@code hub.tools.max-response-bytes}.
     */
    static final class Sse extends GuardedTransport {

        private static final Duration STREAM_LIFETIME = Duration.ofMinutes(15);
        private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
        private final Sinks.Empty<Void> ended = Sinks.empty();
        private volatile OpenAnswer stream;

        Sse(Link link, URI url, Map<String, String> credentials) {
            super(link, url, credentials);
        }

        @Override
        protected void open(Call call) {
            Request get = Request.get(url).header("Accept", "text/event-stream").headers(credentials).headers(call.identity());
            link.readers().execute(() -> {
                try (OpenAnswer answer = link.http().open(get, Deadline.in(STREAM_LIFETIME), link.maxBytes())) {
                    stream = answer;
                    check(answer.status());
                    readEvents(answer, event -> {
                        if ("endpoint".equals(event.event())) {
                            announce(event.data());
                        } else {
                            receive(event.data());
                        }
                        return !isOpen();
                    });
                    end(new ToolUnavailableException("MCP server closed the event stream"));
                } catch (IOException e) {
                    end(unavailable(e));
                } catch (RuntimeException e) {
                    end(e);
                }
            });
        }

        private void announce(String announced) {
            try {
                new DefaultSseMessageEndpointValidator().validate(url, announced);
                endpoint.complete(Utils.resolveUri(url, announced));
            } catch (InvalidSseMessageEndpointException | RuntimeException e) {
                log.warn("MCP server {} announced an endpoint it may not use ({}); nothing was sent there", url.getHost(), e.getMessage());
                end(new ToolUnavailableException("MCP server announced an endpoint on another origin or path; nothing was sent there"));
            }
        }

        private void end(RuntimeException reason) {
            endpoint.completeExceptionally(reason);
            ended.tryEmitError(reason);
        }

        @Override
        protected void send(JSONRPCMessage message, Call call) {
            try {
                URI target = endpoint.get(call.deadline().remaining().toNanos(), TimeUnit.NANOSECONDS);
                check(link.http().send(post(target, message, call), call.deadline(), link.maxBytes()).status());
            } catch (ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new ToolUnavailableException("MCP server did not say where to send messages in time", e);
            } catch (IOException e) {
                throw unavailable(e);
            }
        }

        @Override
        boolean isOpen() {
            return !Boolean.TRUE.equals(ended.scan(Scannable.Attr.TERMINATED));
        }

        @Override
        <T> Mono<T> broken() {
            return ended.asMono().then(Mono.never());
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> {
                end(new ToolUnavailableException("MCP session closed"));
                if (stream != null) {
                    stream.close();
                }
            });
        }
    }
}
