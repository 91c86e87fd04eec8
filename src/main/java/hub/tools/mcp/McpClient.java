package hub.tools.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.config.HubProperties;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.GuardedHttpClient.OpenAnswer;
import hub.outbound.GuardedHttpClient.Request;
import hub.outbound.OutboundException;
import hub.tools.ToolUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A Model Context Protocol client (JSON-RPC 2.0) over Streamable HTTP: {@code initialize}, then
 * {@code notifications/initialized}, then {@code tools/list} / {@code tools/call}, with the server's
 * {@code Mcp-Session-Id} on every later request (sessions are kept per server and credentials, and
 * opened again when the server forgets one). Answers may come as JSON or as an SSE stream. A server
 * that only offers the older HTTP+SSE transport (GET opens the event stream, whose {@code endpoint}
 * event names the URL to POST to) is used through that instead; the announced endpoint must be on the
 * server's own origin (scheme, host and port), as the official TypeScript SDK requires too, so a server
 * cannot send the hub's requests elsewhere.
 *
 * <p>Every request goes through the {@link GuardedHttpClient} (addresses checked when connecting, at most
 * {@code hub.tools.max-response-bytes} per answer), and all requests of one operation share one
 * {@link Deadline}. The integration's credentials and the caller's identity headers go out on each request.
 */
@Component
public class McpClient {

    public static final String PROTOCOL_VERSION = "2025-06-18";
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final Logger log = LoggerFactory.getLogger(McpClient.class);

    /** A tool the server offers. */
    public record McpTool(String name, String description, JsonNode inputSchema) {
    }

    /**
     * An MCP server as one integration calls it: its URL, the integration's credential headers (sessions
     * are never shared between different credentials) and the headers saying who the call is for.
     */
    public record Server(String url, Map<String, String> credentials, Map<String, String> identity) {
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

    private final ObjectMapper mapper;
    private final GuardedHttpClient http;
    private final long maxResponseBytes;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> legacyServers = new ConcurrentHashMap<>();

    public McpClient(ObjectMapper mapper, GuardedHttpClient http, HubProperties hub) {
        this.mapper = mapper;
        this.http = http;
        this.maxResponseBytes = hub.tools().maxResponseBytes().toBytes();
    }

    /** Every tool of the server (following {@code nextCursor} pages), all pages within the deadline. */
    public List<McpTool> listTools(Server server, Deadline deadline) {
        List<McpTool> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            ObjectNode params = mapper.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode result = request(server, deadline, "tools/list", params);
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
    public JsonNode callTool(Server server, Deadline deadline, String name, Map<?, ?> arguments) {
        ObjectNode params = mapper.createObjectNode().put("name", name);
        params.set("arguments", mapper.valueToTree(arguments == null ? Map.of() : arguments));
        return request(server, deadline, "tools/call", params);
    }

    private JsonNode request(Server server, Deadline deadline, String method, ObjectNode params) {
        URI url = uri(server.url());
        if (Boolean.TRUE.equals(legacyServers.get(server.url()))) {
            return legacyRequest(server, url, deadline, method, params);
        }
        String key = server.url() + '\n' + fingerprint(server.credentials());
        try {
            Session session = sessions.get(key);
            if (session == null) {
                session = initialize(server, url, deadline);
                sessions.put(key, session);
            }
            try {
                return call(server, url, deadline, session, method, params);
            } catch (SessionExpired expired) {
                sessions.remove(key);
                session = initialize(server, url, deadline);
                sessions.put(key, session);
                return call(server, url, deadline, session, method, params);
            }
        } catch (StreamableHttpUnsupported unsupported) {
            legacyServers.put(server.url(), true);
            return legacyRequest(server, url, deadline, method, params);
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

    private Session initialize(Server server, URI url, Deadline deadline) {
        long id = ids.incrementAndGet();
        Session session;
        try (OpenAnswer answer = post(server, url, deadline, null, null, rpc(id, "initialize", initializeParams()))) {
            if (answer.status() == 404 || answer.status() == 405) {
                throw new StreamableHttpUnsupported();
            }
            String sessionId = answer.header(SESSION_HEADER);
            JsonNode result = unwrap(result(answer, id));
            session = new Session(sessionId, result.path("protocolVersion").asText(PROTOCOL_VERSION));
        }
        try (OpenAnswer initialized = post(server, url, deadline, session.id(), session.protocolVersion(),
                notification("notifications/initialized"))) {
            if (initialized.status() / 100 != 2) {
                throw new ToolUnavailableException("MCP server refused notifications/initialized (HTTP " + initialized.status() + ")");
            }
        }
        return session;
    }

    private JsonNode call(Server server, URI url, Deadline deadline, Session session, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        try (OpenAnswer answer = post(server, url, deadline, session.id(), session.protocolVersion(), rpc(id, method, params))) {
            if (answer.status() == 404 && session.id() != null) {
                throw new SessionExpired();
            }
            return unwrap(result(answer, id));
        }
    }

    private OpenAnswer post(Server server, URI url, Deadline deadline, String sessionId, String protocolVersion,
                            ObjectNode message) {
        Request request = Request.post(url, "application/json", message.toString().getBytes(StandardCharsets.UTF_8))
                .headers(server.credentials())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (sessionId != null) {
            request = request.header(SESSION_HEADER, sessionId);
        }
        if (protocolVersion != null) {
            request = request.header("MCP-Protocol-Version", protocolVersion);
        }
        try {
            return http.open(request.headers(server.identity()), deadline, maxResponseBytes);
        } catch (OutboundException e) {
            throw unavailable(e);
        }
    }

    /** The JSON-RPC answer to request {@code id}, from a JSON body or an SSE stream. */
    private JsonNode result(OpenAnswer answer, long id) {
        int status = answer.status();
        if (status / 100 != 2) {
            throw new ToolUnavailableException("MCP server answered HTTP " + status);
        }
        String contentType = answer.header("Content-Type") == null ? "" : answer.header("Content-Type");
        try {
            if (contentType.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
                return answerFrom(new EventStream(answer), id);
            }
            return mapper.readTree(answer.readAll());
        } catch (OutboundException e) {
            throw unavailable(e);
        } catch (IOException e) {
            throw new ToolUnavailableException("MCP server sent an unreadable answer", e);
        }
    }

    /** The first message event whose JSON-RPC id is {@code id}; other events and non-JSON data are skipped. */
    private JsonNode answerFrom(EventStream events, long id) throws IOException {
        for (String[] event; (event = events.next()) != null; ) {
            if (!"message".equals(event[0])) {
                continue;
            }
            JsonNode message;
            try {
                message = mapper.readTree(event[1]);
            } catch (IOException notJson) {
                continue;
            }
            if (message != null && message.path("id").asLong(-1) == id) {
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

    private JsonNode legacyRequest(Server server, URI url, Deadline deadline, String method, ObjectNode params) {
        Request open = Request.get(url).headers(server.credentials()).header("Accept", "text/event-stream")
                .headers(server.identity());
        try (OpenAnswer stream = http.open(open, deadline, maxResponseBytes)) {
            if (stream.status() / 100 != 2) {
                throw new ToolUnavailableException("MCP server answered HTTP " + stream.status());
            }
            EventStream events = new EventStream(stream);
            URI endpoint = endpoint(url, events);
            long initId = ids.incrementAndGet();
            legacyPost(server, endpoint, deadline, rpc(initId, "initialize", initializeParams()));
            unwrap(answerFrom(events, initId));
            legacyPost(server, endpoint, deadline, notification("notifications/initialized"));
            long id = ids.incrementAndGet();
            legacyPost(server, endpoint, deadline, rpc(id, method, params));
            return unwrap(answerFrom(events, id));
        } catch (OutboundException e) {
            throw unavailable(e);
        } catch (IOException e) {
            throw new ToolUnavailableException("MCP server sent an unreadable event stream", e);
        }
    }

    /** The URL of the first {@code endpoint} event, resolved against the server's URL; only on its origin. */
    private static URI endpoint(URI server, EventStream events) throws IOException {
        for (String[] event; (event = events.next()) != null; ) {
            if (!"endpoint".equals(event[0])) {
                continue;
            }
            URI endpoint;
            try {
                endpoint = server.resolve(event[1].strip());
            } catch (IllegalArgumentException e) {
                throw new ToolUnavailableException("MCP server announced an invalid endpoint");
            }
            if (!sameOrigin(server, endpoint)) {
                log.warn("MCP server {} announced an endpoint on another origin ({}); nothing was sent there",
                        origin(server), origin(endpoint));
                throw new ToolUnavailableException("MCP server announced an endpoint on another origin; nothing was sent there");
            }
            return endpoint;
        }
        throw new ToolUnavailableException("MCP server closed the event stream without announcing its endpoint");
    }

    private static boolean sameOrigin(URI server, URI endpoint) {
        return endpoint.getScheme() != null && endpoint.getHost() != null && endpoint.getRawUserInfo() == null
                && endpoint.getScheme().equalsIgnoreCase(server.getScheme())
                && endpoint.getHost().equalsIgnoreCase(server.getHost())
                && port(endpoint) == port(server);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private void legacyPost(Server server, URI endpoint, Deadline deadline, ObjectNode message) throws OutboundException {
        Request request = Request.post(endpoint, "application/json", message.toString().getBytes(StandardCharsets.UTF_8))
                .headers(server.credentials())
                .header("Content-Type", "application/json")
                .headers(server.identity());
        GuardedHttpClient.Answer answer = http.send(request, deadline, maxResponseBytes);
        if (answer.status() / 100 != 2) {
            throw new ToolUnavailableException("MCP server answered HTTP " + answer.status());
        }
    }

    /** Server-sent events as {type, data}: {@code event:} and {@code data:} lines up to a blank line. */
    private static final class EventStream {
        private final BufferedReader lines;

        EventStream(OpenAnswer answer) throws OutboundException {
            this.lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
        }

        String[] next() throws IOException {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip()).append('\n');
                } else if (line.isEmpty() && data.length() > 0) {
                    return new String[] {event, data.toString()};
                }
            }
            return data.length() > 0 ? new String[] {event, data.toString()} : null;
        }
    }

    private static ToolUnavailableException unavailable(OutboundException e) {
        return new ToolUnavailableException("MCP server: " + e.getMessage(), e);
    }

    private static URI uri(String url) {
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolUnavailableException("MCP server URL is not valid");
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
