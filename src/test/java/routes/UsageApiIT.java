package routes;

import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.alerts.Alert;
import hub.alerts.AlertRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Usage, cost and alerts of the caller's organisation over HTTP. */
@IntegrationTest
class UsageApiIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AlertRepository alerts;

    Tenant acme;
    Tenant globex;
    ApiClient api;
    LocalDate start;

    @BeforeEach
    void setUp() {
        acme = tenants.create("Usage " + UUID.randomUUID());
        globex = tenants.create("Other " + UUID.randomUUID());
        api = new ApiClient(new HubHttp(port), acme.apiKey());
        start = LocalDate.now().minusDays(5);
        jdbc.update("UPDATE organizations SET billing_period_start = ?, billing_period_end = ?, message_limit_monthly = 200, "
                + "token_limit_monthly = 10000 WHERE id = ?", start, start.plusMonths(1), acme.organizationId());
        usage(acme, start, "openai", "gpt-4o-mini", 100, 0.01);
        usage(acme, start, "openai", "gpt-4o-mini", 300, 0.03);
        usage(acme, start.plusDays(2), "gemini", "gemini-3-flash-preview", 1000, 0.25);
        usage(globex, LocalDate.now(), "openai", "gpt-4o", 99_999, 9.99);
    }

    @Test
    void theCurrentPeriodShowsTotalsAgainstLimits() {
        JsonNode usage = json(api.get("/api/usage"));
        assertThat(usage.get("messages_used").asInt()).isEqualTo(3);
        assertThat(usage.get("message_limit").asInt()).isEqualTo(200);
        assertThat(usage.get("tokens_used").asLong()).isEqualTo(1400);
        assertThat(usage.get("token_limit").asLong()).isEqualTo(10000);
        assertThat(usage.get("token_usage_pct").asDouble()).isEqualTo(14.0);
        assertThat(usage.get("estimated_cost_usd").decimalValue()).isEqualByComparingTo("0.29");
        assertThat(usage.get("period_start").asText()).isEqualTo(start.toString());
    }

    @Test
    void dailyBreakdownAndCostByModel() {
        JsonNode daily = json(api.get("/api/usage/daily"));
        assertThat(daily.get("from").asText()).isEqualTo(start.toString());
        assertThat(daily.get("items")).hasSize(2);
        assertThat(daily.get("items").get(0).get("messages").asInt()).isEqualTo(2);
        assertThat(daily.get("items").get(0).get("tokens_total").asInt()).isEqualTo(400);
        assertThat(daily.get("items").get(1).get("estimated_cost_usd").decimalValue()).isEqualByComparingTo("0.25");

        JsonNode oneDay = json(api.get("/api/usage/daily?from=" + start.plusDays(1) + "&to=" + start.plusDays(3)));
        assertThat(oneDay.get("items")).hasSize(1);

        JsonNode models = json(api.get("/api/usage/models"));
        assertThat(models.get("items")).hasSize(2);
        assertThat(models.get("items").get(0).get("model_name").asText()).isEqualTo("gemini-3-flash-preview");
        assertThat(models.get("items").get(1).get("model_name").asText()).isEqualTo("gpt-4o-mini");
        assertThat(models.get("items").get(1).get("messages").asInt()).isEqualTo(2);
        assertThat(models.toString()).as("another organisation's usage").doesNotContain("gpt-4o\"");

        assertThat(errorCode(api.get("/api/usage/daily?from=yesterday"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.get("/api/usage/models?from=2030-02-01&to=2030-01-01"))).isEqualTo("invalid_parameter");
    }

    @Test
    void alertsAreListedAndAcknowledgedWithinTheOrganisationOnly() {
        long own = alert(acme, "QUOTA_WARNING");
        long open = alert(acme, "LLM_FAILURE");
        long foreign = alert(globex, "DELIVERY_FAILURE");

        JsonNode all = json(api.get("/api/alerts"));
        assertThat(all.get("items").findValues("id").stream().map(JsonNode::asLong)).contains(own, open).doesNotContain(foreign);
        assertThat(all.get("items").get(0).get("metadata").get("source").asText()).isEqualTo("test");

        var acked = api.post("/api/alerts/" + own + "/acknowledge", Map.of("acknowledged_by", "ana@acme.test"));
        assertThat(acked.statusCode()).isEqualTo(200);
        assertThat(json(acked).get("acknowledged").asBoolean()).isTrue();
        assertThat(json(acked).get("acknowledged_by").asText()).isEqualTo("ana@acme.test");

        JsonNode unacknowledged = json(api.get("/api/alerts?acknowledged=false"));
        assertThat(unacknowledged.get("items").findValues("id").stream().map(JsonNode::asLong)).contains(open).doesNotContain(own);

        assertThat(api.post("/api/alerts/" + foreign + "/acknowledge", Map.of()).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT acknowledged FROM system_alerts WHERE id = ?", Boolean.class, foreign)).isFalse();
        assertThat(api.post("/api/alerts/abc/acknowledge", null).statusCode()).isEqualTo(404);
        assertThat(errorCode(api.get("/api/alerts?acknowledged=maybe"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.post("/api/alerts/" + open + "/acknowledge", Map.of("by", "x")))).isEqualTo("unknown_field");
        assertThat(errorCode(api.post("/api/alerts/" + open + "/acknowledge", Map.of("acknowledged_by", 7)))).isEqualTo("invalid_field");
        assertThat(errorCode(api.get("/api/alerts?limit=many"))).isEqualTo("invalid_parameter");

        var withoutBody = api.post("/api/alerts/" + open + "/acknowledge", null);
        assertThat(withoutBody.statusCode()).as("the body is optional").isEqualTo(200);
        assertThat(json(withoutBody).get("acknowledged_by").asText()).isEqualTo("api");
        assertThat(json(withoutBody).get("metadata").get("source").asText()).isEqualTo("test");
        JsonNode page = json(api.get("/api/alerts?limit=1"));
        assertThat(page.get("items")).hasSize(1);
        assertThat(json(api.get("/api/alerts?limit=1&before=" + page.get("next_before").asLong())).get("items").get(0).get("id").asLong())
                .as("next_before pages back").isLessThan(page.get("items").get(0).get("id").asLong());
    }

    @Test
    void everyReasonIsStoredAndListedWithItsType() throws Exception {
        for (Alert.Reason reason : Alert.Reason.values()) {
            alerts.record(new Alert(acme.organizationId(), acme.chatbotId(), reason, Alert.Severity.WARNING, "something happened",
                    Map.of("detail", "from outside"), reason.code() + ":" + UUID.randomUUID()));
        }
        JsonNode items = json(api.get("/api/alerts?limit=100")).get("items");
        for (Alert.Reason reason : Alert.Reason.values()) {
            assertThat(items.findParents("reason")).as(reason.code())
                    .anyMatch(item -> item.get("reason").asText().equals(reason.code())
                            && item.get("type").asText().equals(reason.type().name())
                            && item.at("/metadata/detail").asText().equals("from outside"));
        }
        alert(acme, "OTHER");
        assertThat(json(api.get("/api/alerts?limit=1")).at("/items/0/reason").asText(null)).as("an alert without a reason").isNull();
    }

    @Test
    void theOperatorSeesEveryOrganisationsAlertsAndTheHubsOwn() {
        long acmes = alert(acme, "QUOTA_WARNING");
        long globexs = alert(globex, "DELIVERY_FAILURE");
        long hubs = jdbc.queryForObject("""
                INSERT INTO system_alerts (type, reason, severity, message, metadata)
                VALUES ('WEBHOOK_FAILURE', 'unknown_number', 'warning', 'A message arrived for phone number id 1, which no chatbot uses',
                        '{"phone_number_id":"1"}') RETURNING id""", Long.class);
        ApiClient operator = api.as(ApiClient.OPERATOR_TOKEN);

        JsonNode all = json(operator.get("/api/admin/alerts?limit=500")).get("items");
        assertThat(all.findValues("id").stream().map(JsonNode::asLong)).contains(acmes, globexs, hubs);
        JsonNode own = all.findParents("id").stream().filter(item -> item.get("id").asLong() == hubs).findFirst().orElseThrow();
        assertThat(own.path("organization_id").asText(null)).as("the hub's own alert").isNull();
        assertThat(own.get("reason").asText()).isEqualTo("unknown_number");

        JsonNode acmeOnly = json(operator.get("/api/admin/alerts?organization_id=" + acme.organizationId())).get("items");
        assertThat(acmeOnly.findValues("id").stream().map(JsonNode::asLong)).contains(acmes).doesNotContain(globexs, hubs);
        assertThat(acmeOnly.findValues("organization_id").stream().map(JsonNode::asText)).containsOnly(acme.organizationId().toString());
        assertThat(errorCode(operator.get("/api/admin/alerts?organization_id=acme"))).isEqualTo("invalid_parameter");

        var acked = operator.post("/api/admin/alerts/" + hubs + "/acknowledge", null);
        assertThat(acked.statusCode()).isEqualTo(200);
        assertThat(json(acked).get("acknowledged_by").asText()).isEqualTo("operator");
        assertThat(json(operator.get("/api/admin/alerts?acknowledged=false&limit=500")).get("items").findValues("id").stream()
                .map(JsonNode::asLong)).contains(acmes).doesNotContain(hubs);
        assertThat(operator.post("/api/admin/alerts/" + Long.MAX_VALUE + "/acknowledge", null).statusCode()).isEqualTo(404);

        assertThat(api.get("/api/admin/alerts").statusCode()).as("an organisation's key").isEqualTo(403);
        assertThat(api.post("/api/admin/alerts/" + globexs + "/acknowledge", null).statusCode()).isEqualTo(403);
        assertThat(api.as(null).get("/api/admin/alerts").statusCode()).isEqualTo(401);
        assertThat(api.post("/api/alerts/" + hubs + "/acknowledge", null).statusCode()).as("the hub's alert is not a tenant's").isEqualTo(404);
    }

    @Test
    void usageNeedsAnApiKey() {
        assertThat(api.as(null).get("/api/usage").statusCode()).isEqualTo(401);
        assertThat(api.as(ApiClient.OPERATOR_TOKEN).get("/api/usage").statusCode()).as("not an organisation").isEqualTo(403);
    }

    private void usage(Tenant tenant, LocalDate day, String provider, String model, int tokens, double cost) {
        jdbc.update("""
                INSERT INTO usage_logs (organization_id, chatbot_id, message_count, tokens_input, tokens_output, tokens_total,
                                        provider, model_name, estimated_cost_usd, date_bucket)
                VALUES (?, ?, 1, ?, 0, ?, ?, ?, ?, ?)""", tenant.organizationId(), tenant.chatbotId(), tokens, tokens, provider,
                model, cost, day);
    }

    private long alert(Tenant tenant, String type) {
        return jdbc.queryForObject("""
                INSERT INTO system_alerts (organization_id, chatbot_id, type, severity, message, metadata)
                VALUES (?, ?, ?, 'warning', 'something happened', '{"source":"test"}') RETURNING id""", Long.class,
                tenant.organizationId(), tenant.chatbotId(), type);
    }
}
