package hub.whatsapp.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Sandbox mode against the real hub_test database (skipped when it is not reachable). */
class JdbcSandboxOutboxTest {

    @Test
    void sandboxSendWritesOneRowPerPart() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/hub_test"), "hub", "hub");
        try (Connection ignored = dataSource.getConnection()) {
            // reachable
        } catch (Exception e) {
            Assumptions.abort("hub_test database not reachable: " + e.getMessage());
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String number = "sandbox-test-" + System.nanoTime();
        GraphApiClient client = new GraphApiClient(TestProperties.hub(Map.of("hub.whatsapp.graph-base-url", "sandbox")),
                new ObjectMapper(), new JdbcSandboxOutbox(jdbc));
        try {
            SendResult result = client.sendText(number, null, "+34 600 111 222",
                    "Hello from the sandbox.\n\n" + "word ".repeat(1000), "wamid.IN");

            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT chatbot_id, recipient, whatsapp_message_id, payload->'text'->>'body' AS body,
                           payload->'context'->>'message_id' AS context
                    FROM sandbox_outbox WHERE whatsapp_phone_number_id = ? ORDER BY id""", number);
            assertThat(result.wamids()).hasSize(2);
            assertThat(rows).hasSize(2);
            assertThat(rows).extracting(r -> r.get("whatsapp_message_id")).containsExactlyElementsOf(result.wamids());
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.get("chatbot_id")).isNull(); // no chatbot owns this number
                assertThat(r.get("recipient")).isEqualTo("34600111222");
            });
            assertThat((String) rows.get(0).get("body")).startsWith("Hello from the sandbox.\n\nword word");
            assertThat(rows.get(0).get("context")).isEqualTo("wamid.IN");
            assertThat(rows.get(1).get("context")).isNull();
        } finally {
            jdbc.update("DELETE FROM sandbox_outbox WHERE whatsapp_phone_number_id = ?", number);
        }
    }
}
