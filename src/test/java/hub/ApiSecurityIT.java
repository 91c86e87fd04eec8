package hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** API keys, tenant scoping and the operator surfaces, over HTTP. */
@IntegrationTest
class ApiSecurityIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    HubHttp http;
    Tenant acme;
    Tenant globex;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        acme = tenants.create("Acme " + UUID.randomUUID());
        globex = tenants.create("Globex " + UUID.randomUUID());
    }

    @Test
    void aKeySeesItsOwnOrganisationAndChatbotsOnly() throws Exception {
        HttpResponse<String> org = http.get("/api/organization", bearer(acme.apiKey()));
        assertThat(org.statusCode()).isEqualTo(200);
        assertThat(json(org).get("id").asText()).isEqualTo(acme.organizationId().toString());

        JsonNode chatbots = json(http.get("/api/chatbots", bearer(acme.apiKey()))).get("items");
        assertThat(chatbots).hasSize(1);
        assertThat(chatbots.get(0).get("id").asText()).isEqualTo(acme.chatbotId().toString());

        HttpResponse<String> own = http.get("/api/chatbots/" + acme.chatbotId(), bearer(acme.apiKey()));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own).get("whatsapp_phone_number_id").asText()).isEqualTo(acme.phoneNumberId());
    }

    @Test
    void anotherTenantsChatbotIsNotFound() throws Exception {
        HttpResponse<String> foreign = http.get("/api/chatbots/" + globex.chatbotId(), bearer(acme.apiKey()));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(foreign.body()).doesNotContain(globex.phoneNumberId());

        assertThat(http.get("/api/chatbots/not-a-uuid", bearer(acme.apiKey())).statusCode()).isEqualTo(404);
    }

    @Test
    void missingWrongAndRevokedKeysAre401WithAJsonError() throws Exception {
        HttpResponse<String> none = http.get("/api/organization", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).at("/error/code").asText()).isEqualTo("unauthorized");

        assertThat(http.get("/api/organization", bearer("wah_AAAAAAAA_" + "b".repeat(32))).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/organization", "Basic " + base64("x:" + acme.apiKey())).statusCode()).isEqualTo(401);

        tenants.revokeKeys(acme.organizationId());
        assertThat(http.get("/api/organization", bearer(acme.apiKey())).statusCode()).isEqualTo(401);

        jdbc.update("UPDATE organizations SET is_active = false WHERE id = ?", globex.organizationId());
        assertThat(http.get("/api/organization", bearer(globex.apiKey())).statusCode()).isEqualTo(401);
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        Integer plaintextRows = jdbc.queryForObject(
                "SELECT count(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ?", Integer.class,
                acme.apiKey(), acme.apiKey());
        assertThat(plaintextRows).isZero();
        String prefix = jdbc.queryForObject("SELECT key_prefix FROM api_keys WHERE organization_id = ?", String.class,
                acme.organizationId());
        assertThat(acme.apiKey()).startsWith("wah_" + prefix + "_");
        assertThat(jdbc.queryForObject("SELECT last_used_at IS NULL FROM api_keys WHERE organization_id = ?",
                Boolean.class, acme.organizationId())).isTrue();
        http.get("/api/organization", bearer(acme.apiKey()));
        assertThat(jdbc.queryForObject("SELECT last_used_at IS NOT NULL FROM api_keys WHERE organization_id = ?",
                Boolean.class, acme.organizationId())).isTrue();
    }

    @Test
    void theOperatorTokenIsNotATenantKey() throws Exception {
        HttpResponse<String> operator = http.get("/api/organization", bearer("test-admin-token"));
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(json(operator).at("/error/code").asText()).isEqualTo("forbidden");
    }

    @Test
    void textTheDatabaseCannotStoreIsRefusedWhereverItIsSent() throws Exception {
        // before: 503 "retry later" from the statement PostgreSQL refused, for a request that can never succeed
        String chatbot = "/api/chatbots/" + acme.chatbotId();
        assertRefused(call("PATCH", chatbot, "{\"name\":\"Tienda\\u0000\"}"), "invalid_field", "'name' holds a NUL character");
        assertRefused(call("PATCH", chatbot, "{\"system_prompt\":\"Hola \\ud83d\"}"), "invalid_field", "'system_prompt'");
        assertRefused(call("POST", "/api/integrations", "{\"provider\":\"http\",\"name\":\"crm\",\"config\":{\"server_url\":"
                + "\"https://crm.example\",\"re\\u0000gion\":\"eu\"}}"), "invalid_field", "'config.region'");
        assertRefused(http.get("/api/contacts?q=ana%00", bearer(acme.apiKey())), "invalid_parameter", "q must not hold a NUL");
        assertThat(json(http.get(chatbot, bearer(acme.apiKey()))).path("name").asText()).doesNotContain("Tienda");

        // a character outside the basic plane and a written-out "\u0000" are text like any other
        HttpResponse<String> renamed = call("PATCH", chatbot, "{\"name\":\"Tienda \\ud83d\\ude00 \\\\u0000\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).path("name").asText()).isEqualTo("Tienda \uD83D\uDE00 \\u0000");
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(http.url(path))).header("Authorization", bearer(acme.apiKey()))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private void assertRefused(HttpResponse<String> response, String code, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo(code);
        assertThat(json(response).at("/error/message").asText()).contains(message);
    }

    @Test
    void unknownApiPathsAnswerInTheSameErrorShape() throws Exception {
        HttpResponse<String> missing = http.get("/api/nothing-here", bearer(acme.apiKey()));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void hawtioAndJolokiaNeedTheOperatorToken() {
        assertThat(http.get("/actuator/hawtio/", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/hawtio/", "Basic " + base64("admin:wrong")).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/jolokia/version", bearer(acme.apiKey())).statusCode()).isEqualTo(403);
        assertThat(http.get("/actuator/hawtio/", "Basic " + base64("admin:test-admin-token")).statusCode()).isEqualTo(200);

        // what Hawtio's Camel plugin reads: the route MBeans (Jolokia takes calls from the hub's own pages only)
        HttpResponse<String> routes = http.send(HttpRequest.newBuilder(
                        URI.create(http.url("/actuator/jolokia/search/org.apache.camel:type=routes,*")))
                .header("Authorization", bearer("test-admin-token")).header("Origin", http.url("")).GET().build());
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("name=\\\"whatsapp-webhook\\\"");
    }

    @Test
    void healthCoversDatabaseAndKafkaAndMetricsShowRoutes() throws Exception {
        assertThat(json(http.get("/actuator/health", null)).has("components")).isFalse();
        JsonNode health = json(http.get("/actuator/health", bearer("test-admin-token")));
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/kafka/status").asText()).isEqualTo("UP");

        http.get("/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1", null);
        assertThat(http.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        String metrics = http.get("/actuator/prometheus", bearer("test-admin-token")).body();
        assertThat(metrics).contains("camel_exchanges_total").contains("routeId=\"whatsapp-webhook-verify\"");
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }
}
