package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import hub.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The YAML housekeeping routes of src/main/resources/routes/maintenance.yaml. */
@IntegrationTest
class MaintenanceRoutesIT {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void expiredWebhookEventsAreRemovedAndRecentOnesKept() {
        String run = UUID.randomUUID().toString();
        insertEvent("wamid." + run + ".old", "completed", "now() - interval '1 minute'");
        insertEvent("wamid." + run + ".recent", "completed", "now() + interval '7 days'");

        Integer deleted = producer.requestBody("direct:webhook-events-cleanup", null, Integer.class);

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        List<String> left = jdbc.queryForList("SELECT whatsapp_message_id FROM webhook_events WHERE whatsapp_message_id LIKE ?",
                String.class, "wamid." + run + "%");
        assertThat(left).containsExactly("wamid." + run + ".recent");
        assertThat(camel.getRoute("webhook-events-cleanup-schedule")).as("scheduled, visible in Hawtio").isNotNull();
    }

    private void insertEvent(String wamid, String status, String expiresAt) {
        jdbc.update("INSERT INTO webhook_events (whatsapp_message_id, phone_number_id, status, expires_at) VALUES (?, '1', ?, "
                + expiresAt + ")", wamid, status);
    }
}
