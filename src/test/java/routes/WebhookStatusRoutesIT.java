package routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Status webhooks end to end: Meta → webhook → Kafka → delivery status in messages; errors → alert + Slack. */
@IntegrationTest
class WebhookStatusRoutesIT {

    static final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        slack.start();
    }

    @DynamicPropertySource
    static void slackUrl(DynamicPropertyRegistry registry) {
        registry.add("hub.alerts.slack-webhook-url", () -> slack.baseUrl() + "/services/T000/B000/XXXX");
    }

    @AfterAll
    static void stopSlack() {
        slack.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.apache.camel.ProducerTemplate camel;

    HubHttp http;
    Tenant tenant;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        tenant = tenants.create("Status " + UUID.randomUUID());
        slack.resetAll();
        slack.stubFor(post(urlEqualTo("/services/T000/B000/XXXX")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void deliveryStatusesMoveForwardOnlyAndAFailureIsAlertedOnce() {
        String wamid = "wamid.out." + UUID.randomUUID();
        long messageId = outboundMessage(wamid);

        deliver(status(wamid, "delivered", 1750263773, null));
        deliver(status(wamid, "sent", 1750263772, null)); // late and out of order: ignored
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivery(messageId)).containsEntry("delivery_status", "delivered"));

        deliver(status(wamid, "read", 1750263780, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> row = delivery(messageId);
            assertThat(row).containsEntry("delivery_status", "read");
            assertThat(row.get("delivered_at")).isNotNull();
            assertThat(row.get("read_at")).isNotNull();
        });

        String failedWamid = "wamid.out." + UUID.randomUUID();
        long failedId = outboundMessage(failedWamid);
        String error = "{\"code\":131047,\"title\":\"Re-engagement message\"}";
        deliver(status(failedWamid, "failed", 1750263790, error));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(delivery(failedId)).containsEntry("delivery_status", "failed").containsEntry("delivery_error_code", "131047");
            assertThat(alertCount("DELIVERY_FAILURE")).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/services/T000/B000/XXXX"))
                .withRequestBody(containing("DELIVERY_FAILURE")).withRequestBody(containing("\"color\":\"#FF6B6B\""))));
    }

    @Test
    void anUnreadableStatusRecordDoesNotHoldUpTheStatusesBehindIt() {
        camel.sendBody("kafka:whatsapp.status", "{not json");
        camel.sendBody("kafka:whatsapp.status", "{\"kind\":\"status\",\"status\":{\"id\":42}}");
        String wamid = "wamid.out." + UUID.randomUUID();
        long messageId = outboundMessage(wamid);

        deliver(status(wamid, "delivered", 1750263773, null));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivery(messageId)).containsEntry("delivery_status", "delivered"));
    }

    @Test
    void errorsReportedByMetaBecomeOneDeduplicatedAlertAndOneSlackMessage() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "errors":[{"code":131000,"title":"Something went wrong","message":"Something went wrong"}]}}]}]}"""
                .formatted(tenant.phoneNumberId());

        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT coalesce(max(occurrence_count), 0) FROM system_alerts WHERE organization_id = ? AND type = 'WEBHOOK_FAILURE'",
                Integer.class, tenant.organizationId())).isEqualTo(2));
        assertThat(alertCount("WEBHOOK_FAILURE")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                slack.verify(1, postRequestedFor(urlEqualTo("/services/T000/B000/XXXX")).withRequestBody(containing("131000"))));
    }

    private void deliver(String body) {
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
    }

    private String status(String wamid, String status, long timestamp, String error) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"34600111222"%s}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), wamid, status, timestamp, error == null ? "" : ",\"errors\":[" + error + "]");
    }

    private long outboundMessage(String wamid) {
        UUID contact = jdbc.queryForObject("""
                INSERT INTO contacts (organization_id, chatbot_id, phone_number) VALUES (?, ?, ?)
                ON CONFLICT (chatbot_id, phone_number) DO UPDATE SET name = contacts.name RETURNING id""",
                UUID.class, tenant.organizationId(), tenant.chatbotId(), "34600111222");
        return jdbc.queryForObject("""
                INSERT INTO messages (contact_id, chatbot_id, organization_id, role, content, outbound_whatsapp_message_id, delivery_status)
                VALUES (?, ?, ?, 'assistant', 'Hola, ¿en qué te ayudo?', ?, 'sent') RETURNING id""",
                Long.class, contact, tenant.chatbotId(), tenant.organizationId(), wamid);
    }

    private Map<String, Object> delivery(long messageId) {
        return jdbc.queryForMap("SELECT delivery_status, delivered_at, read_at, delivery_error_code FROM messages WHERE id = ?", messageId);
    }

    private int alertCount(String type) {
        return jdbc.queryForObject("SELECT count(*) FROM system_alerts WHERE organization_id = ? AND type = ?",
                Integer.class, tenant.organizationId(), type);
    }
}
