package routes;

import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scheduled re-sync of URL sources and the recovery of messages stuck in processing (maintenance.yaml). */
@IntegrationTest
class ScheduledJobsIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;

    Tenant tenant;
    ApiClient api;

    @BeforeEach
    void setUp() {
        tenant = tenants.create("Jobs " + UUID.randomUUID());
        api = new ApiClient(new HubHttp(port), tenant.apiKey());
    }

    @Test
    void aUrlSourceThatAskedForItIsReSyncedWhenDue() {
        UUID source = source("url", "http://127.0.0.1:9/gone");
        String path = "/api/chatbots/" + tenant.chatbotId() + "/knowledge/sources/" + source + "/schedule";

        var scheduled = api.put(path, Map.of("resync_interval_hours", 24));
        assertThat(scheduled.statusCode()).isEqualTo(200);
        assertThat(json(scheduled).get("resync_enabled").asBoolean()).isTrue();
        assertThat(json(scheduled).get("resync_interval_hours").asInt()).isEqualTo(24);
        assertThat(json(api.get(path)).get("resync_enabled").asBoolean()).isTrue();

        producer.requestBody("direct:knowledge-scheduled-resync", null, Integer.class);
        assertThat(status(source)).as("not due yet").isEqualTo("synced");

        jdbc.update("UPDATE knowledge_sources SET next_resync_at = now() - interval '1 minute' WHERE id = ?", source);
        Integer queued = producer.requestBody("direct:knowledge-scheduled-resync", null, Integer.class);

        assertThat(queued).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT next_resync_at > now() + interval '23 hours' FROM knowledge_sources WHERE id = ?",
                Boolean.class, source)).as("next run moved on").isTrue();
        // the page is fetched again (here it is gone, so the source ends failed with a readable message)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(source)).isEqualTo("failed"));
        assertThat(camel.getRoute("knowledge-scheduled-resync-schedule")).as("scheduled, visible in Hawtio").isNotNull();

        Map<String, Object> off = new HashMap<>();
        off.put("resync_interval_hours", null);
        assertThat(json(api.put(path, off)).get("resync_enabled").asBoolean()).isFalse();
    }

    @Test
    void onlyUrlSourcesOfTheCallersChatbotsCanBeScheduled() {
        UUID text = source("text", null);
        String base = "/api/chatbots/" + tenant.chatbotId() + "/knowledge/sources/";
        assertThat(errorCode(api.put(base + text + "/schedule", Map.of("resync_interval_hours", 24)))).isEqualTo("not_a_url_source");
        UUID url = source("url", "http://127.0.0.1:9/x");
        assertThat(errorCode(api.put(base + url + "/schedule", Map.of("resync_interval_hours", 0)))).isEqualTo("invalid_field");
        assertThat(errorCode(api.put(base + url + "/schedule", Map.of()))).isEqualTo("missing_field");
        ApiClient other = api.as(tenants.create("Other " + UUID.randomUUID()).apiKey());
        assertThat(other.put(base + url + "/schedule", Map.of("resync_interval_hours", 1)).statusCode()).isEqualTo(404);
    }

    @Test
    void aMessageStuckInProcessingIsAnsweredOnce() {
        String customer = "3467" + Math.abs(UUID.randomUUID().hashCode() % 10_000_000);
        String wamid = "wamid.stuck." + UUID.randomUUID();
        storeStuck(wamid, customer, 1);

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForMap(
                "SELECT status, reply_status FROM webhook_events WHERE whatsapp_message_id = ?", wamid))
                .containsEntry("status", "completed").containsEntry("reply_status", "sent"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_outbox WHERE chatbot_id = ? AND recipient = ?", Integer.class,
                tenant.chatbotId(), customer)).as("answered once").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE whatsapp_message_id = ?", Integer.class, wamid)).isEqualTo(1);

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_outbox WHERE chatbot_id = ? AND recipient = ?", Integer.class,
                tenant.chatbotId(), customer)).as("a finished message is left alone").isEqualTo(1);
    }

    @Test
    void aStuckMessageWhoseReplyMayHaveGoneOutIsClosedNotAnsweredAgain() {
        String customer = "3469" + Math.abs(UUID.randomUUID().hashCode() % 10_000_000);
        String wamid = "wamid.stuck." + UUID.randomUUID();
        storeStuck(wamid, customer, 1);
        jdbc.update("UPDATE webhook_events SET reply_status = 'sending' WHERE whatsapp_message_id = ?", wamid);

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid)).isEqualTo("completed"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_outbox WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .as("never a second reply").isZero();
    }

    @Test
    void aStuckMessageOutOfAttemptsIsParkedWithAnAlert() {
        String customer = "3468" + Math.abs(UUID.randomUUID().hashCode() % 10_000_000);
        String wamid = "wamid.stuck." + UUID.randomUUID();
        storeStuck(wamid, customer, 3);

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);

        assertThat(jdbc.queryForObject("SELECT status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid))
                .isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, wamid))
                .isEqualTo("processing_failed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM system_alerts WHERE organization_id = ? AND type = 'WEBHOOK_FAILURE'", Integer.class,
                tenant.organizationId())).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_outbox WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .isZero();
    }

    private void storeStuck(String wamid, String customer, int attempts) {
        UUID contact = jdbc.queryForObject("""
                INSERT INTO contacts (organization_id, chatbot_id, phone_number, name, last_inbound_at, last_message_at)
                VALUES (?, ?, ?, 'Stuck Customer', now(), now()) RETURNING id""", UUID.class,
                tenant.organizationId(), tenant.chatbotId(), customer);
        jdbc.update("""
                INSERT INTO messages (organization_id, chatbot_id, contact_id, role, message_type, content,
                                      whatsapp_phone_number_id, phone_number, whatsapp_message_id, whatsapp_timestamp)
                VALUES (?, ?, ?, 'user', 'text', '¿A qué hora abren?', ?, ?, ?, now())""",
                tenant.organizationId(), tenant.chatbotId(), contact, tenant.phoneNumberId(), customer, wamid);
        // an instance stopped while it held the message: its lease ran out ten minutes ago
        jdbc.update("""
                INSERT INTO webhook_events (whatsapp_message_id, phone_number_id, status, attempts, locked_by, locked_until)
                VALUES (?, ?, 'processing', ?, 'gone-instance', now() - interval '10 minutes')""",
                wamid, tenant.phoneNumberId(), attempts);
    }

    private UUID source(String type, String url) {
        return jdbc.queryForObject("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, file_path, sync_status)
                VALUES (?, ?, ?, 'source', ?, 'synced') RETURNING id""", UUID.class,
                tenant.organizationId(), tenant.chatbotId(), type, url);
    }

    private String status(UUID source) {
        return jdbc.queryForObject("SELECT sync_status FROM knowledge_sources WHERE id = ?", String.class, source);
    }
}
