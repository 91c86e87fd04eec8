package hub.tools.mcp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.tools.ToolUnavailableException;
import org.springframework.stereotype.Component;

/**
 * A Model Context Protocol client (JSON-RPC 2.0) over Streamable HTTP: {@code initialize}, then
 * {@code notifications/initialized}, then {@code tools/list} / {@code tools/call}, with the server's
 * {@code Mcp-Session-Id} on every later request (sessions are kept per server and credentials, and
 * opened again when the server forgets one). Answers may come as JSON or as an SSE stream. A server
 * that only offers the older HTTP+SSE transport (GET opens the event stream, which names the endpoint
 * to POST to) is used through that instead. The integration's credentials go out as request headers.
 */
@Component
public class McpClient {

    public static final String PROTOCOL_VERSION = "2025-06-18";
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    /** A tool the server offers. */
    public record McpTool(String name, String description, JsonNode inputSchema) {
    }

    /** A JSON-RPC error answer of the server (unknown tool, invalid arguments ...). */
    public static final class McpError extends RuntimeException {
        public McpError(String message) {
            super(message);
        }
    }

    private record Session(String id, String protocolVersion) {
    }

    private static final class SessionExpired extends RuntimeException {
        SessionExpired() {
            super("MCP session expired", null, false, false);
        }
    }

    private static final class StreamableHttpUnsupported extends RuntimeException {
        StreamableHttpUnsupported() {
            super("the server does not accept Streamable HTTP", null, false, false);
        }
    }

    private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "mcp-answer-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> legacyServers = new ConcurrentHashMap<>();

    public McpClient(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Every tool of the server (following {@code nextCursor} pages). */
    public List<McpTool> listTools(String url, Map<String, String> headers, Duration timeout) {
        List<McpTool> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            ObjectNode params = mapper.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode result = request(url, headers, timeout, "tools/list", params);
            for (JsonNode tool : result.path("tools")) {
                if (tool.path("name").isTextual()) {
                    tools.add(new McpTool(tool.get("name").asText(), tool.path("description").asText(""),
                            tool.has("inputSchema") ? tool.get("inputSchema") : mapper.createObjectNode().put("type", "object")));
                }
            }
            cursor = result.path("nextCursor").isTextual() ? result.get("nextCursor").asText() : null;
            if (cursor == null) {
                break;
            }
        }
        return tools;
    }

    /** The {@code result} of {@code tools/call}: {@code content}, {@code structuredContent}, {@code isError}. */
    public JsonNode callTool(String url, Map<String, String> headers, Duration timeout, String name, Map<?, ?> arguments) {
        ObjectNode params = mapper.createObjectNode().put("name", name);
        params.set("arguments", mapper.valueToTree(arguments == null ? Map.of() : arguments));
        return request(url, headers, timeout, "tools/call", params);
    }

    private JsonNode request(String url, Map<String, String> headers, Duration timeout, String method, ObjectNode params) {
        if (Boolean.TRUE.equals(legacyServers.get(url))) {
            return legacyRequest(url, headers, timeout, method, params);
        }
        String key = url + '\n' + fingerprint(headers);
        try {
            Session session = sessions.get(key);
            if (session == null) {
                session = initialize(url, headers, timeout);
                sessions.put(key, session);
            }
            try {
                return post(url, headers, timeout, session, method, params);
            } catch (SessionExpired expired) {
                sessions.remove(key);
                session = initialize(url, headers, timeout);
                sessions.put(key, session);
                return post(url, headers, timeout, session, method, params);
            }
        } catch (StreamableHttpUnsupported unsupported) {
            legacyServers.put(url, true);
            return legacyRequest(url, headers, timeout, method, params);
        }
    }

    /** Sessions are never shared between different credentials for the same server. */
    private static String fingerprint(Map<String, String> headers) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(new java.util.TreeMap<>(headers).toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Session initialize(String url, Map<String, String> headers, Duration timeout) {
        long id = ids.incrementAndGet();
        ObjectNode message = rpc(id, "initialize", initializeParams());
        HttpResponse<Stream<String>> response = send(url, headers, timeout, null, null, message);
        int status = response.statusCode();
        if (status == 404 || status == 405) {
            response.body().close();
            throw new StreamableHttpUnsupported();
        }
        String sessionId = response.headers().firstValue(SESSION_HEADER).orElse(null);
        JsonNode result = result(response, id, timeout);
        Session session = new Session(sessionId, result.path("protocolVersion").asText(PROTOCOL_VERSION));
        HttpResponse<Stream<String>> initialized = send(url, headers, timeout, session.id(), session.protocolVersion(),
                notification("notifications/initialized"));
        initialized.body().close();
        if (initialized.statusCode() / 100 != 2) {
            throw new ToolUnavailableException("MCP server refused notifications/initialized (HTTP " + initialized.statusCode() + ")");
        }
        return session;
    }

    private JsonNode post(String url, Map<String, String> headers, Duration timeout, Session session, String method,
                          ObjectNode params) {
        long id = ids.incrementAndGet();
        HttpResponse<Stream<String>> response = send(url, headers, timeout, session.id(), session.protocolVersion(),
                rpc(id, method, params));
        if (response.statusCode() == 404 && session.id() != null) {
            response.body().close();
            throw new SessionExpired();
        }
        return result(response, id, timeout);
    }

    private HttpResponse<Stream<String>> send(String url, Map<String, String> headers, Duration timeout, String sessionId,
                                              String protocolVersion, ObjectNode message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (sessionId != null) {
            request.header(SESSION_HEADER, sessionId);
        }
        if (protocolVersion != null) {
            request.header("MCP-Protocol-Version", protocolVersion);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw e instanceof java.net.http.HttpTimeoutException ? new ToolUnavailableException("MCP server timed out", e)
                    : new ToolUnavailableException("MCP server unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolUnavailableException("interrupted", e);
        }
    }

    /** The {@code result} of the answer to request {@code id}, from a JSON body or an SSE stream. */
    private JsonNode result(HttpResponse<Stream<String>> response, long id, Duration timeout) {
        int status = response.statusCode();
        if (status / 100 != 2) {
            response.body().close();
            throw new ToolUnavailableException("MCP server answered HTTP " + status);
        }
        boolean sse = response.headers().firstValue("Content-Type").orElse("").contains("text/event-stream");
        Stream<String> lines = response.body();
        // the request timeout covers the headers only: the body is read against the same deadline
        var reading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return sse ? fromEventStream(lines.iterator(), id, timeout) : mapper.readTree(String.join("\n", lines.toList()));
            } catch (IOException e) {
                throw new ToolUnavailableException("MCP server sent an unreadable answer", e);
            }
        }, READERS);
        try {
            return unwrap(reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ToolUnavailableException("MCP server timed out", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new ToolUnavailableException("MCP server sent an unreadable answer", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolUnavailableException("interrupted", e);
        } finally {
            lines.close();
        }
    }

    private JsonNode fromEventStream(Iterator<String> lines, long id, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder data = new StringBuilder();
        while (System.nanoTime() < deadline && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip()).append('\n');
            } else if (line.isEmpty() && data.length() > 0) {
                JsonNode message = mapper.readTree(data.toString());
                data.setLength(0);
                if (message.path("id").asLong(-1) == id) {
                    return message;
                }
            }
        }
        if (data.length() > 0) {
            JsonNode message = mapper.readTree(data.toString());
            if (message.path("id").asLong(-1) == id) {
                return message;
            }
        }
        throw new ToolUnavailableException("MCP server closed the event stream without an answer");
    }

    private JsonNode unwrap(JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            throw new ToolUnavailableException("MCP server sent no JSON-RPC answer");
        }
        if (answer.has("error")) {
            throw new McpError(answer.get("error").path("message").asText("MCP error " + answer.get("error").path("code").asInt()));
        }
        return answer.path("result");
    }

    // ---- the older HTTP+SSE transport: GET opens the stream, its "endpoint" event says where to POST ----

    private JsonNode legacyRequest(String url, Map<String, String> headers, Duration timeout, String method, ObjectNode params) {
        HttpRequest.Builder open = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        headers.forEach(open::header);
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        var stream = http.sendAsync(open.build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = null;
        Stream<String> lines = null;
        try {
            HttpResponse<Stream<String>> response = stream.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            lines = response.body();
            if (response.statusCode() / 100 != 2) {
                throw new ToolUnavailableException("MCP server answered HTTP " + response.statusCode());
            }
            Stream<String> eventLines = lines;
            reader = new Thread(() -> readEvents(eventLines, events), "mcp-sse-reader");
            reader.setDaemon(true);
            reader.start();
            String[] endpoint = next(events, timeout, "endpoint");
            String postUrl = URI.create(url).resolve(endpoint[1].strip()).toString();
            long initId = ids.incrementAndGet();
            legacyPost(postUrl, headers, timeout, rpc(initId, "initialize", initializeParams()));
            awaitAnswer(events, initId, timeout);
            legacyPost(postUrl, headers, timeout, notification("notifications/initialized"));
            long id = ids.incrementAndGet();
            legacyPost(postUrl, headers, timeout, rpc(id, method, params));
            return unwrap(awaitAnswer(events, id, timeout));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ToolUnavailableException("MCP server timed out", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ToolUnavailableException("MCP server unreachable: " + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolUnavailableException("interrupted", e);
        } finally {
            if (lines != null) {
                lines.close();
            }
            stream.cancel(true);
            if (reader != null) {
                reader.interrupt();
            }
        }
    }

    private void legacyPost(String url, Map<String, String> headers, Duration timeout, ObjectNode message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new ToolUnavailableException("MCP server answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new ToolUnavailableException("MCP server unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolUnavailableException("interrupted", e);
        }
    }

    private static void readEvents(Stream<String> lines, BlockingQueue<String[]> events) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip()).append('\n');
                } else if (line.isEmpty() && data.length() > 0) {
                    events.add(new String[] {event, data.toString()});
                    event = "message";
                    data.setLength(0);
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed: the request is over
        }
    }

    private static String[] next(BlockingQueue<String[]> events, Duration timeout, String type) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String[] event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new ToolUnavailableException("MCP server timed out", new java.util.concurrent.TimeoutException());
            }
            if (type.equals(event[0])) {
                return event;
            }
        }
    }

    private JsonNode awaitAnswer(BlockingQueue<String[]> events, long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String[] event = next(events, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), "message");
            try {
                JsonNode message = mapper.readTree(event[1]);
                if (message.path("id").asLong(-1) == id) {
                    return message;
                }
            } catch (IOException ignored) {
                // not JSON: skip
            }
        }
    }

    private ObjectNode initializeParams() {
        ObjectNode params = mapper.createObjectNode().put("protocolVersion", PROTOCOL_VERSION);
        params.set("capabilities", mapper.createObjectNode());
        params.set("clientInfo", mapper.createObjectNode().put("name", "whatsapp-agent-hub").put("version", "0.1.0"));
        return params;
    }

    private ObjectNode rpc(long id, String method, ObjectNode params) {
        ObjectNode message = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        return message;
    }

    private ObjectNode notification(String method) {
        return mapper.createObjectNode().put("jsonrpc", "2.0").put("method", method);
    }
}
