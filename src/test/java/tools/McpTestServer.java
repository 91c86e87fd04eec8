package tools;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real MCP server for the tests, in-process: JSON-RPC 2.0 over Streamable HTTP on {@code /mcp}
 * (initialize with an Mcp-Session-Id, notifications/initialized, tools/list, tools/call answered as an
 * SSE stream, DELETE ending a session), behind a bearer token. One tool, {@code get_weather}; a call of
 * {@code no_such_tool} gets a JSON-RPC error. Before answering a tools/call the server pings the client and
 * answers only once the client answered the ping. The same server over the older HTTP+SSE transport is on
 * {@link #legacyUrl()}, with one tool, {@code get_forecast}, and the same ping.
 */
public final class McpTestServer implements AutoCloseable {

    public static final String TOKEN = "mcp-secret-token";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    /** "method session-id" of every request that passed authentication, in order ("pong" for a ping answer). */
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<JsonNode> calls = Collections.synchronizedList(new ArrayList<>());
    /** Every X-Hub-Contact-Id header of every tools/call, as received (all values). */
    public final List<List<String>> callerContacts = Collections.synchronizedList(new ArrayList<>());
    /** The X-Hub-Contact-Id header of every request that passed authentication, ping answers included. */
    public final List<String> contactHeaders = Collections.synchronizedList(new ArrayList<>());
    /** Event streams of the older transport opened so far. */
    public final java.util.concurrent.atomic.AtomicInteger legacyStreamsOpened = new java.util.concurrent.atomic.AtomicInteger();
    public volatile int unauthorized;
    private final java.util.Map<String, java.util.concurrent.CompletableFuture<JsonNode>> pings = new ConcurrentHashMap<>();

    public McpTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", this::handle);
        server.createContext("/legacy/sse", this::openLegacyStream);
        server.createContext("/legacy/messages", this::legacyMessage);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    /** The same server over the older HTTP+SSE transport only: GET opens the stream, POSTs go to its endpoint. */
    public String legacyUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/legacy/sse";
    }

    /** The server ends every event stream of the older transport, as after a restart. */
    public void endLegacyStreams() {
        legacyStreams.values().forEach(stream -> stream.add(END_OF_STREAM));
    }

    /** The server forgets every Streamable HTTP session, as after a restart. */
    public void forgetSessions() {
        sessions.clear();
    }

    private static final String END_OF_STREAM = "end of stream " + UUID.randomUUID();
    private final java.util.Map<String, java.util.concurrent.BlockingQueue<String>> legacyStreams = new ConcurrentHashMap<>();

    private void openLegacyStream(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized++;
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            legacyStreamsOpened.incrementAndGet();
            String session = UUID.randomUUID().toString();
            var queue = new java.util.concurrent.LinkedBlockingQueue<String>();
            legacyStreams.put(session, queue);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(("event: endpoint\ndata: /legacy/messages?session=" + session + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                for (String event; (event = queue.poll(10, java.util.concurrent.TimeUnit.SECONDS)) != null && !event.equals(END_OF_STREAM); ) {
                    out.write(("event: message\ndata: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException | IOException closed) {
                // the client went away
            } finally {
                legacyStreams.remove(session);
            }
        }
    }

    private void legacyMessage(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getQuery();
            var stream = query == null ? null : legacyStreams.get(query.replace("session=", ""));
            if (stream == null || !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(stream == null ? 404 : 401, -1);
                return;
            }
            JsonNode message = mapper.readTree(exchange.getRequestBody());
            String method = message.has("method") ? message.path("method").asText() : "pong";
            requests.add("legacy " + method);
            exchange.sendResponseHeaders(202, -1);
            switch (method) {
                case "pong" -> answeredPing(message);
                case "initialize" -> {
                    ObjectNode result = mapper.createObjectNode().put("protocolVersion", "2024-11-05");
                    result.putObject("capabilities").putObject("tools");
                    stream.add(answer(message, result).toString());
                }
                case "tools/list" -> {
                    ObjectNode result = mapper.createObjectNode();
                    result.putArray("tools").addObject().put("name", "get_forecast").put("description", "Forecast of a city")
                            .putObject("inputSchema").put("type", "object");
                    stream.add(answer(message, result).toString());
                }
                case "tools/call" -> {
                    calls.add(message.path("params"));
                    String ping = ping();
                    stream.add(ping);
                    if (!pingAnswered(ping)) {
                        return;
                    }
                    ObjectNode result = mapper.createObjectNode();
                    result.putObject("structuredContent").put("city", message.path("params").path("arguments").path("city").asText())
                            .put("forecast", "lluvia");
                    result.putArray("content").addObject().put("type", "text").put("text", "lluvia");
                    stream.add(answer(message, result).toString());
                }
                default -> { }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String httpMethod = exchange.getRequestMethod();
            if (!"POST".equals(httpMethod) && !"DELETE".equals(httpMethod)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized++;
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            contactHeaders.add(exchange.getRequestHeaders().getFirst("X-Hub-Contact-Id"));
            if ("DELETE".equals(httpMethod)) {
                requests.add("DELETE " + session);
                exchange.sendResponseHeaders(session != null && sessions.remove(session) ? 204 : 404, -1);
                return;
            }
            JsonNode message = mapper.readTree(exchange.getRequestBody());
            String method = message.has("method") ? message.path("method").asText() : "pong";
            requests.add(method + " " + session);
            if (method.equals("initialize")) {
                String id = UUID.randomUUID().toString();
                sessions.add(id);
                exchange.getResponseHeaders().add("Mcp-Session-Id", id);
                ObjectNode result = mapper.createObjectNode().put("protocolVersion", "2025-06-18");
                result.putObject("capabilities").putObject("tools");
                result.putObject("serverInfo").put("name", "weather-test-server").put("version", "1.0");
                json(exchange, answer(message, result));
                return;
            }
            if (session == null || !sessions.contains(session)) {
                exchange.sendResponseHeaders(session == null ? 400 : 404, -1);
                return;
            }
            switch (method) {
                case "notifications/initialized" -> exchange.sendResponseHeaders(202, -1);
                case "pong" -> {
                    answeredPing(message);
                    exchange.sendResponseHeaders(202, -1);
                }
                case "tools/list" -> {
                    ObjectNode result = mapper.createObjectNode();
                    ObjectNode tool = result.putArray("tools").addObject().put("name", "get_weather")
                            .put("description", "Current weather of a city");
                    ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
                    schema.putObject("properties").putObject("city").put("type", "string").put("description", "City name");
                    schema.putArray("required").add("city");
                    json(exchange, answer(message, result));
                }
                case "tools/call" -> {
                    calls.add(message.path("params"));
                    callerContacts.add(exchange.getRequestHeaders().getOrDefault("X-Hub-Contact-Id", List.of()));
                    String tool = message.path("params").path("name").asText();
                    if ("no_such_tool".equals(tool)) {
                        json(exchange, mapper.createObjectNode().put("jsonrpc", "2.0").<ObjectNode>set("id", message.get("id"))
                                .set("error", mapper.createObjectNode().put("code", -32602).put("message", "Unknown tool: " + tool)));
                        return;
                    }
                    ObjectNode result = mapper.createObjectNode();
                    String city = message.path("params").path("arguments").path("city").asText("?");
                    boolean known = "get_weather".equals(tool);
                    result.putArray("content").addObject().put("type", "text").put("text", known
                            ? "{\"city\":\"" + city + "\",\"temperature\":\"22 C\",\"sky\":\"despejado\"}" : "Unknown tool");
                    result.put("isError", !known);
                    // the answer's SSE stream first carries a ping; the result follows once the client answered it
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        String ping = ping();
                        out.write(("event: message\ndata: " + ping + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (pingAnswered(ping)) {
                            out.write(("event: message\ndata: " + answer(message, result) + "\n\n").getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
                default -> json(exchange, mapper.createObjectNode().put("jsonrpc", "2.0")
                        .set("error", mapper.createObjectNode().put("code", -32601).put("message", "Method not found")));
            }
        }
    }

    /** A ping request to the client, remembered until the client answers it. */
    private String ping() {
        String id = "ping-" + UUID.randomUUID();
        pings.put(id, new java.util.concurrent.CompletableFuture<>());
        return mapper.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "ping").toString();
    }

    private boolean pingAnswered(String ping) {
        String id = ping.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        try {
            return pings.get(id).get(5, java.util.concurrent.TimeUnit.SECONDS).has("result");
        } catch (Exception e) {
            return false;
        } finally {
            pings.remove(id);
        }
    }

    private void answeredPing(JsonNode message) {
        var waiting = pings.get(message.path("id").asText());
        if (waiting != null) {
            waiting.complete(message);
        }
    }

    private ObjectNode answer(JsonNode request, JsonNode result) {
        ObjectNode answer = mapper.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.get("id"));
        answer.set("result", result);
        return answer;
    }

    private static void json(HttpExchange exchange, JsonNode body) throws IOException {
        write(exchange, "application/json", body.toString());
    }

    private static void write(HttpExchange exchange, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
