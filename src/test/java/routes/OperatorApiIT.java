package routes;

import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operator's organisations and API keys over HTTP. */
@IntegrationTest
class OperatorApiIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient operator;
    HubHttp http;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        operator = ApiClient.operator(http);
    }

    @Test
    void theOperatorTokenIsRequiredForOrganisations() {
        var tenant = tenants.create("Curious " + UUID.randomUUID());
        ApiClient nobody = new ApiClient(http, null);
        ApiClient tenantKey = new ApiClient(http, tenant.apiKey());
        ApiClient wrongToken = new ApiClient(http, "not-the-operator-token");

        assertThat(nobody.get("/api/admin/organizations").statusCode()).isEqualTo(401);
        assertThat(wrongToken.get("/api/admin/organizations").statusCode()).isEqualTo(401);
        var forbidden = tenantKey.post("/api/admin/organizations", Map.of("name", "Sneaky"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(errorCode(forbidden)).isEqualTo("forbidden");
        assertThat(json(forbidden).at("/error/message").asText()).isEqualTo("Only the platform operator may use this endpoint");
        assertThat(tenantKey.get("/api/admin/organizations/" + tenant.organizationId()).statusCode()).isEqualTo(403);
        assertThat(tenantKey.post("/api/admin/organizations/" + tenant.organizationId() + "/api-keys", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE name = 'Sneaky'", Integer.class)).isZero();
    }

    @Test
    void anOrganisationIsCreatedUpdatedAndDeactivated() {
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        var created = operator.post("/api/admin/organizations", Map.of("name", "Acme", "slug", slug, "plan_tier", "pro",
                "message_limit_monthly", 5000, "token_limit_monthly", 2_000_000));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode org = json(created);
        String id = org.get("id").asText();
        assertThat(org.get("plan_tier").asText()).isEqualTo("pro");
        assertThat(org.get("message_limit_monthly").asInt()).isEqualTo(5000);
        assertThat(org.get("is_active").asBoolean()).isTrue();

        assertThat(json(operator.get("/api/admin/organizations/" + id)).get("slug").asText()).isEqualTo(slug);
        assertThat(json(operator.get("/api/admin/organizations?limit=500")).get("items").findValuesAsText("id")).contains(id);

        var updated = operator.patch("/api/admin/organizations/" + id, Map.of("plan_tier", "enterprise", "message_limit_monthly", 9000));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("plan_tier").asText()).isEqualTo("enterprise");
        assertThat(json(updated).get("message_limit_monthly").asInt()).isEqualTo(9000);
        assertThat(json(updated).get("slug").asText()).as("fields left out stay").isEqualTo(slug);

        var duplicate = operator.post("/api/admin/organizations", Map.of("name", "Acme again", "slug", slug));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(errorCode(duplicate)).isEqualTo("slug_taken");

        var deactivated = operator.delete("/api/admin/organizations/" + id);
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(json(deactivated).get("is_active").asBoolean()).isFalse();
    }

    @Test
    void badOrganisationRequestsAre400WithACode() {
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("slug", "no-name")))).isEqualTo("missing_field");
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("name", "X", "plan_tier", "platinum"))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("name", "X", "message_limit_monthly", -1))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("name", "X", "colour", "red"))))
                .isEqualTo("unknown_field");
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("name", "X", "slug", "Not A Slug"))))
                .isEqualTo("invalid_field");
        var notJson = operator.post("/api/admin/organizations", "{name:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(errorCode(notJson)).isEqualTo("invalid_json");
        assertThat(operator.get("/api/admin/organizations/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(operator.patch("/api/admin/organizations/" + UUID.randomUUID(), Map.of("name", "Ghost")).statusCode())
                .isEqualTo(404);
        assertThat(errorCode(operator.get("/api/admin/organizations?limit=0"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(operator.get("/api/admin/organizations?offset=-1"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("name", "X", "message_limit_monthly", "5000"))))
                .as("no type is coerced").isEqualTo("invalid_field");
        assertThat(errorCode(operator.post("/api/admin/organizations", Map.of("name", "X", "is_active", false))))
                .as("an organisation starts active").isEqualTo("unknown_field");
        assertThat(errorCode(operator.put("/api/admin/chatbots/" + UUID.randomUUID() + "/whatsapp-number",
                Map.of("whatsapp_phone_number_id", "1", "phone", "2")))).isEqualTo("unknown_field");
        assertThat(errorCode(operator.put("/api/admin/chatbots/" + UUID.randomUUID() + "/whatsapp-number", Map.of())))
                .isEqualTo("missing_field");

        String org = json(operator.post("/api/admin/organizations", Map.of("name", "Strict " + UUID.randomUUID()))).get("id").asText();
        assertThat(errorCode(operator.patch("/api/admin/organizations/" + org, Map.of("tier", "pro")))).isEqualTo("unknown_field");
        assertThat(errorCode(operator.patch("/api/admin/organizations/" + org, Map.of()))).isEqualTo("missing_field");
        assertThat(errorCode(operator.patch("/api/admin/organizations/" + org, Map.of("message_limit_monthly", -1))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(operator.patch("/api/admin/organizations/" + org, Map.of("slug", "Not A Slug")))).isEqualTo("invalid_field");
        Map<String, Object> tierNull = new java.util.HashMap<>();
        tierNull.put("plan_tier", null);
        var cleared = operator.patch("/api/admin/organizations/" + org, tierNull);
        assertThat(errorCode(cleared)).as("null is not 'leave it'").isEqualTo("invalid_field");
        assertThat(json(cleared).at("/error/message").asText()).contains("plan_tier");
        assertThat(json(operator.get("/api/admin/organizations/" + org)).get("plan_tier").asText()).isEqualTo("free");
        assertThat(errorCode(operator.post("/api/admin/organizations/" + org + "/api-keys", Map.of("label", "x"))))
                .isEqualTo("unknown_field");
        assertThat(errorCode(operator.post("/api/admin/organizations/" + org + "/api-keys", Map.of("name", " "))))
                .isEqualTo("invalid_field");
    }

    @Test
    void apiKeysAreShownOnceListedByPrefixAndRevokedAtOnce() {
        String org = json(operator.post("/api/admin/organizations", Map.of("name", "Keys " + UUID.randomUUID()))).get("id").asText();

        var created = operator.post("/api/admin/organizations/" + org + "/api-keys", Map.of("name", "backend"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("name").asText()).isEqualTo("backend");
        var unnamed = operator.post("/api/admin/organizations/" + org + "/api-keys", null);
        assertThat(unnamed.statusCode()).as("the body is optional").isEqualTo(201);
        assertThat(json(unnamed).get("name").asText()).isEqualTo("api key");
        String key = json(created).get("key").asText();
        String keyId = json(created).get("id").asText();
        String prefix = json(created).get("key_prefix").asText();
        assertThat(key).startsWith("wah_" + prefix + "_");

        ApiClient tenant = new ApiClient(http, key);
        assertThat(json(tenant.get("/api/organization")).get("id").asText()).isEqualTo(org);

        var listed = operator.get("/api/admin/organizations/" + org + "/api-keys?prefix=" + prefix);
        assertThat(json(listed).get("items")).hasSize(1);
        assertThat(listed.body()).doesNotContain(key).doesNotContain("key_hash").contains(prefix);
        assertThat(json(operator.get("/api/admin/organizations/" + org + "/api-keys?prefix=zzzzzzzzz")).get("items")).isEmpty();

        var revoked = operator.delete("/api/admin/organizations/" + org + "/api-keys/" + keyId);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("active").asBoolean()).isFalse();
        var refused = tenant.get("/api/organization");
        assertThat(refused.statusCode()).as("a revoked key").isEqualTo(401);
        assertThat(errorCode(refused)).isEqualTo("unauthorized");

        String other = json(operator.post("/api/admin/organizations", Map.of("name", "Other " + UUID.randomUUID()))).get("id").asText();
        assertThat(operator.delete("/api/admin/organizations/" + other + "/api-keys/" + keyId).statusCode())
                .as("a key is revoked through its own organisation only").isEqualTo(404);
        assertThat(operator.post("/api/admin/organizations/" + UUID.randomUUID() + "/api-keys", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeactivatedOrganisationsKeysStopWorking() {
        var tenant = tenants.create("Leaving " + UUID.randomUUID());
        ApiClient key = new ApiClient(http, tenant.apiKey());
        assertThat(key.get("/api/chatbots").statusCode()).isEqualTo(200);

        assertThat(operator.delete("/api/admin/organizations/" + tenant.organizationId()).statusCode()).isEqualTo(200);

        assertThat(key.get("/api/chatbots").statusCode()).isEqualTo(401);
        assertThat(operator.patch("/api/admin/organizations/" + tenant.organizationId(), Map.of("is_active", true)).statusCode())
                .isEqualTo(200);
        assertThat(key.get("/api/chatbots").statusCode()).as("reactivated").isEqualTo(200);
    }
}
