package hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.conversation.HubTexts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The first run shows the product: the demo chatbot gets the demo store's FAQ with RAG on, and the README's demo
 * message is answered from it by the offline agent (no LLM configured), with the passage it used.
 */
@IntegrationTest
@TestPropertySource(properties = {"hub.demo.enabled=true", "hub.demo.phone-number-id=" + DemoKnowledgeIT.PHONE_NUMBER_ID})
class DemoKnowledgeIT {

    static final String PHONE_NUMBER_ID = "100000000000777";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoKnowledge demoKnowledge;

    @Test
    void theReadmesDemoMessageIsAnsweredFromTheDemoFaq() throws Exception {
        UUID chatbot = jdbc.queryForObject("SELECT id FROM chatbots WHERE whatsapp_phone_number_id = ?", UUID.class, PHONE_NUMBER_ID);
        assertThat(jdbc.queryForObject("SELECT rag_enabled FROM chatbots WHERE id = ?", Boolean.class, chatbot)).isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT sync_status FROM knowledge_sources WHERE chatbot_id = ? AND name = ?", String.class, chatbot,
                DemoKnowledge.SOURCE_NAME)).containsExactly("synced"));

        demoKnowledge.addFaq();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM knowledge_sources WHERE chatbot_id = ?", Integer.class, chatbot))
                .as("added once").isEqualTo(1);

        String wamid = "wamid.demo." + UUID.randomUUID();
        assertThat(new HubHttp(port).postSignedWebhook(HubHttp.textMessage(PHONE_NUMBER_ID, "34600111222", wamid,
                "Hola, ¿a qué hora abren?")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !jdbc.queryForList("""
                SELECT 1 FROM messages r JOIN messages m ON r.reply_to_message_id = m.id
                 WHERE m.whatsapp_message_id = ? AND r.role = 'assistant'""", wamid).isEmpty());
        var reply = jdbc.queryForMap("""
                SELECT r.content, r.passages::text AS passages FROM messages r JOIN messages m ON r.reply_to_message_id = m.id
                 WHERE m.whatsapp_message_id = ? AND r.role = 'assistant'""", wamid);

        assertThat((String) reply.get("content")).startsWith(HubTexts.SPANISH.offlineIntro()).contains("9:00 a 20:00")
                .doesNotContain(HubTexts.SPANISH.offlineNoAnswer()).doesNotContain("4,95");
        JsonNode passages = new ObjectMapper().readTree((String) reply.get("passages"));
        assertThat(passages.get(0).get("source_name").asText()).isEqualTo(DemoKnowledge.SOURCE_NAME);
        assertThat(passages.get(0).get("chunk_id").asText()).isNotBlank();
    }
}
