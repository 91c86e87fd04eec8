package hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.Tenants.Tenant;
import hub.contract.ApiCall;
import hub.contract.ApiContract;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The hub's HTTP surface as an attacker reaches it: raw requests through the real port, with the path bytes exactly
 * as written (no client normalises them). Every spelling of a protected path answers 400, 401, 403 or 404 and
 * never the data behind it; the operator can still drive Hawtio's Jolokia calls, within the Jolokia policy.
 */
@IntegrationTest
class SecurityPathsIT {

    private static final String OPERATOR = "test-admin-token";
    private static final Set<Integer> REFUSED = Set.of(400, 401, 403, 404);
    private static final String MAINTENANCE_ROUTE = "webhook-events-cleanup-schedule";

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    CamelContext camel;

    Tenant acme;

    @BeforeEach
    void setUp() {
        acme = tenants.create("Paths " + UUID.randomUUID());
    }

    /** A protected surface: a path that answers data to the right caller, and text only that data contains. */
    private record Surface(String path, List<String> dataMarkers) {
    }

    private static final List<Surface> OPERATOR_SURFACES = List.of(
            new Surface("/actuator/jolokia/version", List.of("\"agent\"", "\"protocol\"")),
            new Surface("/actuator/jolokia/read/java.lang:type=Runtime/Name", List.of("\"value\"", "\"request\"")),
            new Surface("/actuator/hawtio/jolokia/version", List.of("\"agent\"", "\"protocol\"")),
            new Surface("/actuator/hawtio/index.html", List.of("<script", "<div id=\"root\"")),
            new Surface("/actuator/camelroutes", List.of("whatsapp-webhook", "\"uptime\"")),
            new Surface("/actuator/prometheus", List.of("# HELP", "# TYPE", "jvm_")),
            new Surface("/actuator/health/db", List.of("\"status\"", "database")),
            new Surface("/actuator/info", List.of("{}")),
            new Surface("/api/admin/organizations", List.of("\"items\"", "\"plan_tier\"")));

    @Test
    void everySpellingOfAnOperatorSurfaceIsRefusedWithoutCredentialsOrWithAnOrganisationKey() throws Exception {
        for (Surface surface : OPERATOR_SURFACES) {
            List<String> spellings = spellings(surface.path());
            assertThat(spellings).hasSizeGreaterThanOrEqualTo(30);
            for (String spelling : spellings) {
                assertRefused(get(spelling, null), spelling, surface);
                assertRefused(get(spelling, "Bearer " + acme.apiKey()), spelling, surface);
            }
        }
    }

    @Test
    void everySpellingOfATenantSurfaceIsRefusedWithoutAKeyAndToTheOperator() throws Exception {
        Surface tenantApi = new Surface("/api/organization", List.of(acme.organizationId().toString(), "\"plan_tier\""));
        Surface chatbots = new Surface("/api/chatbots", List.of(acme.chatbotId().toString(), "\"items\""));
        for (Surface surface : List.of(tenantApi, chatbots)) {
            for (String spelling : spellings(surface.path())) {
                assertRefused(get(spelling, null), spelling, surface);
                assertRefused(get(spelling, "Bearer " + OPERATOR), spelling, surface);
            }
        }
    }

    @Test
    void theHealthSummaryIsPublicButItsDetailsAreTheOperators() throws Exception {
        for (String spelling : spellings("/actuator/health")) {
            Response response = get(spelling, "Bearer " + acme.apiKey());
            assertThat(response.status()).as(spelling).isIn(200, 400, 401, 403, 404);
            assertThat(response.body()).as(spelling).doesNotContain("components", "details", "database");
        }
        JsonNode summary = mapper.readTree(get("/actuator/health", null).body());
        assertThat(summary.get("status").asText()).isEqualTo("UP");
        assertThat(summary.has("components")).isFalse();

        JsonNode details = mapper.readTree(get("/actuator/health", "Bearer " + OPERATOR).body());
        assertThat(details.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(details.at("/components/kafka/status").asText()).isEqualTo("UP");
    }

    @Test
    void thePathsOfTheIssueAreClosed() throws Exception {
        // a needlessly encoded letter is refused before anything routes it, whoever asks
        for (String authorization : new String[] {null, "Bearer " + acme.apiKey(), "Bearer " + OPERATOR}) {
            for (String path : List.of("/%61ctuator/jolokia/version", "/actuator/%6Aolokia/version", "/%61pi/organization")) {
                Response encoded = get(path, authorization, "Origin", origin());
                assertThat(encoded.status()).as(path).isEqualTo(400);
                assertThat(error(encoded)).as(path).isEqualTo("bad_request");
            }
        }
        for (String path : List.of("//actuator/jolokia/version", "/actuator/health/../jolokia/version",
                "/actuator/health/%2e%2e/jolokia/version", "/actuator;x=1/jolokia/version",
                "/actuator/jolokia/version;x=1", "/actuator/jolokia/version/.")) {
            Response response = get(path, "Bearer " + OPERATOR, "Origin", origin());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(error(response)).as(path).isEqualTo("bad_request");
        }
        // refused by the servlet container itself, before any filter: 400 in the hub's error shape all the same
        for (String path : List.of("/actuator/jolokia%2Fversion", "/actuator%2fjolokia/version",
                "/actuator\\jolokia/version", "/actuator/jolokia/version%00")) {
            Response response = get(path, "Bearer " + OPERATOR, "Origin", origin());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).doesNotContain("\"agent\"");
            assertThat(error(response)).as(path).isEqualTo("bad_request");
        }
        // the plain spelling: the operator, and only the operator
        Response anonymous = get("/actuator/jolokia/version", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(error(anonymous)).isEqualTo("unauthorized");
        assertThat(anonymous.header("www-authenticate")).startsWith("Basic realm=");
        Response tenant = get("/actuator/jolokia/version", "Bearer " + acme.apiKey());
        assertThat(tenant.status()).isEqualTo(403);
        assertThat(error(tenant)).isEqualTo("forbidden");
        Response operator = get("/actuator/jolokia/version", "Bearer " + OPERATOR, "Origin", origin());
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.body()).contains("\"agent\"");
    }

    @Test
    void theOperatorDrivesRoutesThroughHawtiosJolokiaWithinThePolicy() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR).getBytes(StandardCharsets.UTF_8));
        assertThat(get("/actuator/hawtio/", basic).status()).isEqualTo(200);

        JsonNode routes = jolokia(basic, Map.of("type", "search", "mbean", "org.apache.camel:type=routes,*"));
        assertThat(routes.get("status").asInt()).isEqualTo(200);
        String route = null;
        for (JsonNode name : routes.get("value")) {
            // this hub's route: other Spring contexts of the test run (other settings) have their own Camel context
            if (name.asText().contains("name=\"" + MAINTENANCE_ROUTE + "\"")
                    && name.asText().contains("context=" + camel.getManagementName() + ",")) {
                route = name.asText();
            }
        }
        assertThat(route).as("the route MBean of " + MAINTENANCE_ROUTE).isNotNull();
        assertThat(jolokia(basic, Map.of("type", "read", "mbean", route, "attribute", "State")).get("value").asText())
                .isEqualTo("Started");

        try {
            assertThat(jolokia(basic, Map.of("type", "exec", "mbean", route, "operation", "stop()")).get("status").asInt())
                    .isEqualTo(200);
            assertThat(camel.getRouteController().getRouteStatus(MAINTENANCE_ROUTE)).isEqualTo(ServiceStatus.Stopped);
            assertThat(jolokia(basic, Map.of("type", "exec", "mbean", route, "operation", "start()")).get("status").asInt())
                    .isEqualTo(200);
            assertThat(camel.getRouteController().getRouteStatus(MAINTENANCE_ROUTE)).isEqualTo(ServiceStatus.Started);
        } finally {
            if (!camel.getRouteController().getRouteStatus(MAINTENANCE_ROUTE).isStarted()) {
                camel.getRouteController().startRoute(MAINTENANCE_ROUTE);
            }
        }

        JsonNode contexts = jolokia(basic, Map.of("type", "search", "mbean", "org.apache.camel:type=context,*"));
        assertThat(contexts.path("value").isArray()).as(contexts.toString()).isTrue();
        String context = contexts.get("value").get(0).asText();
        JsonNode xml = jolokia(basic, Map.of("type", "exec", "mbean", route, "operation", "dumpRouteAsXml()"));
        assertThat(xml.path("value").asText()).as(xml.toString()).contains("timer:");

        // what would reach tenants' data, the JVM or the routes' code stays closed, even to the operator
        List<Map<String, Object>> forbidden = List.of(
                Map.of("type", "exec", "mbean", context, "operation", "requestBody", "arguments", List.of("direct:tool-dispatch", "x")),
                Map.of("type", "exec", "mbean", context, "operation", "requestBody(java.lang.String,java.lang.Object)",
                        "arguments", List.of("direct:tool-dispatch", "x")),
                Map.of("type", "exec", "mbean", context, "operation", "sendBody", "arguments", List.of("direct:tool-dispatch", "x")),
                Map.of("type", "exec", "mbean", context, "operation", "stop()"),
                Map.of("type", "exec", "mbean", route, "operation", "remove()"),
                Map.of("type", "exec", "mbean", route, "operation", "updateRouteFromXml", "arguments", List.of("<route/>")),
                Map.of("type", "exec", "mbean", "java.lang:type=Memory", "operation", "gc()"),
                Map.of("type", "exec", "mbean", "java.lang:type=Memory", "operation", "gc"),
                Map.of("type", "write", "mbean", "java.lang:type=Memory", "attribute", "Verbose", "value", true),
                Map.of("type", "write", "mbean", route, "attribute", "Tracing", "value", true));
        for (Map<String, Object> request : forbidden) {
            JsonNode answer = jolokia(basic, request);
            assertThat(answer.get("status").asInt()).as(request.toString()).isEqualTo(403);
            assertThat(answer.has("value")).as(request.toString()).isFalse();
        }
        assertThat(camel.getRouteController().getRouteStatus(MAINTENANCE_ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(jolokia(basic, Map.of("type", "read", "mbean", "java.lang:type=Memory", "attribute", "Verbose"))
                .get("value").asBoolean()).isFalse();
    }

    @Test
    void operatorSurfacesRefuseCallsFromOtherSites() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + OPERATOR).getBytes(StandardCharsets.UTF_8));
        String exec = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=whatsapp-agent-hub,type=routes,name=\\\""
                + MAINTENANCE_ROUTE + "\\\"\",\"operation\":\"stop()\"}";
        Response crossSite = request("POST", "/actuator/hawtio/jolokia/", basic, exec, "Origin", "https://evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        Response fetched = request("POST", "/actuator/jolokia/", basic, exec, "Sec-Fetch-Site", "cross-site");
        assertThat(fetched.status()).isEqualTo(403);
        // without any Origin or Referer, Jolokia's strict checking refuses the call
        JsonNode noOrigin = mapper.readTree(request("POST", "/actuator/jolokia/", basic, exec).body());
        assertThat(noOrigin.get("status").asInt()).isEqualTo(403);
        assertThat(camel.getRouteController().getRouteStatus(MAINTENANCE_ROUTE)).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anAddressThatKeepsFailingIsRefusedBeforeItsCredentialsAreChecked() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0." + (2 + Math.floorMod(UUID.randomUUID().hashCode(), 250)));
        int limit = 100; // hub.security.failed-auth-limit in application-test.yaml
        for (int i = 0; i < limit; i++) {
            Response wrong = request(source, "GET", "/api/organization", "Bearer wah_AAAAAAAA_" + "x".repeat(32), null);
            assertThat(wrong.status()).isEqualTo(401);
        }
        Response throttled = request(source, "GET", "/api/organization", "Bearer " + acme.apiKey(), null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(error(throttled)).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(throttled.header("retry-after"))).isBetween(1L, 60L);
        Response operator = request(source, "GET", "/actuator/health", "Bearer " + OPERATOR, null);
        assertThat(operator.status()).isEqualTo(429);
        // a console sign-in from there too, though its session and CSRF token are in order
        ConsoleBrowser browser = new ConsoleBrowser(new HubHttp(port));
        browser.session();
        Response signIn = request(source, "POST", "/console/sign-in", null, "{\"email\":\"a@example.com\",\"password\":\"p4ssw0rd-guess\"}",
                "Cookie", ConsoleBrowser.COOKIE + "=" + browser.cookie(), "X-CSRF-TOKEN", browser.csrfToken());
        assertThat(signIn.status()).isEqualTo(429);

        // requests without credentials from there, and other addresses, are judged as usual
        assertThat(request(source, "GET", "/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(request(source, "GET", "/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42",
                null, null).body()).isEqualTo("42");
        assertThat(get("/api/organization", "Bearer " + acme.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void theWebhookAndTheApiDescriptionStayPublic() throws Exception {
        assertThat(get("/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=7", null).body())
                .isEqualTo("7");
        assertThat(get("/api/openapi.json", null).status()).isEqualTo(200);
        assertThat(get("/nothing-here", null).status()).isEqualTo(401);
        assertThat(request("DELETE", "/webhook", null, null).status()).isIn(401, 403);
    }

    /**
     * More than 30 ways to write {@code path}: percent-encoded letters (either hex case), encoded and doubled
     * slashes, dot segments plain and encoded, path parameters, backslashes, other letter cases, trailing dots and
     * slashes, double encoding, and mixes of them.
     */
    static List<String> spellings(String path) {
        String[] segments = path.substring(1).split("/", -1);
        String first = segments[0];
        String rest = path.substring(1 + first.length());
        String last = segments[segments.length - 1];
        String head = path.substring(0, path.length() - last.length());
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        out.add("/" + encodeFirst(first, false) + rest);
        out.add("/" + encodeFirst(first, true) + rest);
        out.add("/" + encodeAll(first) + rest);
        out.add("/%25" + hex(first.charAt(0), false) + first.substring(1) + rest);
        out.add("/" + first.toUpperCase(Locale.ROOT) + rest);
        out.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
        out.add(path.toUpperCase(Locale.ROOT));
        out.add("/" + first + "." + rest);
        out.add(path + ".");
        out.add(path + "/");
        out.add(path + "//");
        out.add(path + "/.");
        out.add(path + "%20");
        out.add(path + "%00");
        out.add("/" + first + ";x=1" + rest);
        out.add(path + ";jsessionid=1");
        out.add("/" + first + "%3B" + rest);
        out.add("//" + path.substring(1));
        out.add("/" + first + "/" + rest);
        out.add("/./" + path.substring(1));
        out.add("/" + first + "/." + rest);
        out.add("/x/.." + path);
        out.add("/x/%2e%2e" + path);
        out.add("/x/%2E%2E" + path);
        out.add("/x/.%2e" + path);
        out.add("/x/..;" + path);
        out.add("/webhook/.." + path);
        out.add("/api/openapi.json/../.." + path);
        out.add("/" + first + "%2F" + rest.substring(1));
        out.add("/" + first + "%2f" + rest.substring(1));
        out.add("/" + first + "%252F" + rest.substring(1));
        out.add("/" + first + "\\" + rest.substring(1));
        out.add("/" + first + "%5C" + rest.substring(1));
        out.add("\\" + path.substring(1));
        out.add("/%2e" + path);
        if (!last.isEmpty()) {
            out.add(head + encodeFirst(last, false));
            out.add(head + last.toUpperCase(Locale.ROOT));
        }
        if (segments.length > 1 && !segments[1].isEmpty()) {
            String second = segments[1];
            out.add("/" + first + "/" + encodeFirst(second, false) + rest.substring(1 + second.length()));
            out.add("/" + encodeFirst(first, false) + "//" + rest.substring(1));
        }
        out.add("/" + encodeFirst(first, false) + "/..;" + path);
        out.add(path + "?x=/actuator/health");
        out.add(path + "#fragment");
        return new ArrayList<>(out);
    }

    private static String encodeFirst(String segment, boolean upperHex) {
        return "%" + hex(segment.charAt(0), upperHex) + segment.substring(1);
    }

    private static String encodeAll(String segment) {
        StringBuilder out = new StringBuilder();
        for (char c : segment.toCharArray()) {
            out.append('%').append(hex(c, false));
        }
        return out.toString();
    }

    private static String hex(char c, boolean upper) {
        String hex = Integer.toHexString(c);
        return upper ? hex.toUpperCase(Locale.ROOT) : hex;
    }

    private void assertRefused(Response response, String spelling, Surface surface) {
        assertThat(response.status()).as("%s answered %s", spelling, response.status()).isIn(REFUSED);
        for (String marker : surface.dataMarkers()) {
            assertThat(response.body()).as("%s must not answer data of %s", spelling, surface.path()).doesNotContain(marker);
        }
        assertThat(response.body()).as(spelling).doesNotContain("org.apache.camel", "\"agent\"", "# HELP", "components");
        assertThat(response.body()).as("%s answers in the hub's error shape", spelling).startsWith("{\"error\":{\"code\":");
    }

    private JsonNode jolokia(String authorization, Map<String, Object> request) throws Exception {
        Response response = request("POST", "/actuator/hawtio/jolokia/", authorization, mapper.writeValueAsString(request),
                "Origin", origin());
        assertThat(response.status()).as("%s answered %s", request, response.body()).isIn(200, 403);
        JsonNode answer = mapper.readTree(response.body());
        assertThat(answer.has("status")).as("%s answered %s", request, response.body()).isTrue();
        return answer;
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

    private String error(Response response) throws IOException {
        return mapper.readTree(response.body()).at("/error/code").asText();
    }

    private Response get(String path, String authorization, String... headers) throws IOException {
        return request((InetAddress) null, "GET", path, authorization, null, headers);
    }

    private Response request(String method, String path, String authorization, String body, String... headers)
            throws IOException {
        return request((InetAddress) null, method, path, authorization, body, headers);
    }

    /** One HTTP/1.1 request on its own connection, the request line written byte for byte as given. */
    private Response request(InetAddress source, String method, String path, String authorization, String body,
                             String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            Response response = Response.parse(socket.getInputStream().readAllBytes());
            Map<String, String> sent = new LinkedHashMap<>();
            if (authorization != null) {
                sent.put("Authorization", authorization);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                sent.put(headers[i], headers[i + 1]);
            }
            if (body != null) {
                sent.put("Content-Type", "application/json");
            }
            ApiContract.verify(origin(), new ApiCall(method, path, sent, body, true, response.status(),
                    response.header("content-type"), response.body()));
            return response;
        }
    }

    private record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Response(0, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = indexOfCrlf(chunked, at);
                if (lineEnd < 0) {
                    break;
                }
                String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                int size = Integer.parseInt(sizeLine, 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOfCrlf(byte[] bytes, int from) {
            for (int i = from; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
