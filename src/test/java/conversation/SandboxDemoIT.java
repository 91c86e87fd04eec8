package conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The out-of-the-box demo: no LLM key and no Meta token. The offline agent answers from the knowledge
 * base, and the reply is recorded in the sandbox outbox, readable by the tenant only.
 */
@IntegrationTest
class SandboxDemoIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    @Test
    void theOfflineAgentAnswersFromTheKnowledgeBaseIntoTheSandbox() throws Exception {
        HubHttp http = new HubHttp(port);
        Tenant shop = tenants.create("Sandbox " + UUID.randomUUID());
        Tenant other = tenants.create("Other " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", shop.chatbotId());
        tenants.addKnowledge(shop, "Horarios", "Nuestro horario de apertura es de lunes a viernes de 9:00 a 18:00.");

        String wamid = "wamid.demo." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(shop.phoneNumberId(), "34600999888", wamid,
                "¿Cuál es el horario de apertura?")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode items = mapper.readTree(http.get("/api/sandbox/messages", "Bearer " + shop.apiKey()).body()).get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("recipient").asText()).isEqualTo("34600999888");
            assertThat(items.get(0).get("text").asText()).contains("lunes a viernes de 9:00 a 18:00");
        });
        // usage is recorded by the fan-out right after the send
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT provider FROM usage_logs WHERE chatbot_id = ?", String.class, shop.chatbotId())).containsExactly("offline"));
        assertThat(mapper.readTree(http.get("/api/sandbox/messages", "Bearer " + other.apiKey()).body()).get("items")).isEmpty();
        for (String limit : new String[] {"abc", "0", "501"}) {
            var refused = http.get("/api/sandbox/messages?limit=" + limit, "Bearer " + shop.apiKey());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(mapper.readTree(refused.body()).at("/error/code").asText()).isEqualTo("invalid_parameter");
        }
        assertThat(mapper.readTree(http.get("/api/sandbox/messages?limit=1", "Bearer " + shop.apiKey()).body()).get("items")).hasSize(1);
    }
}
