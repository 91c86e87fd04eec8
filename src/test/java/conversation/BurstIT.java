package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import hub.ApiClient;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * A customer's quick messages answered together ({@code hub.conversation.burst-window} 1 s here): one LLM call
 * with the messages in order, one reply, every message stored and answered by it; read marks at once.
 */
@TestPropertySource(properties = "hub.conversation.burst-window=1s")
class BurstIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);

    @BeforeEach
    void metaAcceptsAndTheModelAnswers() {
        fake.acceptMessages();
        fake.llmAnswers("El plan pro cuesta 49 EUR.", 40, 8);
    }

    @Test
    void threeQuickMessagesAreAnsweredOnceTogetherInOrder() throws Exception {
        List<String> wamids = sendSpaced(300, "hola", "una pregunta", "cuanto cuesta el plan pro");

        awaitCompleted(wamids);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("hola\\nuna pregunta\\ncuanto cuesta el plan pro")));
        assertThat(replies()).as("one reply").hasSize(1);
        assertThat(markReads()).as("each message is marked read at once").hasSize(3);

        long reply = jdbc.queryForObject("SELECT id FROM messages WHERE chatbot_id = ? AND role = 'assistant'", Long.class,
                tenant.chatbotId());
        JsonNode page = ApiClient.json(api.get("/api/contacts/" + contactId() + "/messages"));
        List<JsonNode> inbound = new java.util.ArrayList<>();
        page.get("items").forEach(m -> { if ("user".equals(m.get("role").asText())) { inbound.add(m); } });
        assertThat(inbound).hasSize(3).allSatisfy(m -> {
            assertThat(m.get("answered_by_message_id").asLong()).isEqualTo(reply);
            assertThat(m.hasNonNull("not_answered_reason")).isFalse();
        });
        assertThat(jdbc.queryForList("SELECT DISTINCT reply_whatsapp_message_id FROM webhook_events WHERE whatsapp_message_id IN (?, ?, ?)",
                String.class, wamids.toArray())).hasSize(1).doesNotContainNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .as("one turn billed").isEqualTo(1);
    }

    @Test
    void aMessageAfterTheWindowHasItsOwnTurnWithTheFirstInItsHistory() {
        List<String> first = sendSpaced(0, "hola");
        awaitCompleted(first);
        List<String> second = sendSpaced(0, "cuanto cuesta el plan pro");
        awaitCompleted(second);

        fake.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"hola\"")).withRequestBody(containing("cuanto cuesta el plan pro")));
        assertThat(replies()).hasSize(2);
    }

    @Test
    void aRedeliveredMessageInsideABurstIsStillAnsweredOnce() {
        String wamid = "wamid.in." + UUID.randomUUID();
        String body = HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "hola");
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
        List<String> second = sendSpaced(0, "una pregunta");
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);

        awaitCompleted(List.of(wamid, second.get(0)));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(replies()).hasSize(1));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'user'", Integer.class,
                tenant.chatbotId())).isEqualTo(2);
    }

    private List<String> sendSpaced(long millisApart, String... texts) {
        List<String> wamids = new java.util.ArrayList<>();
        for (String text : texts) {
            if (!wamids.isEmpty()) {
                sleep(millisApart);
            }
            String wamid = "wamid.in." + UUID.randomUUID();
            assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode())
                    .isEqualTo(200);
            wamids.add(wamid);
        }
        return wamids;
    }

    private void awaitCompleted(List<String> wamids) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || '/' || coalesce(reply_status, '-') FROM webhook_events WHERE whatsapp_message_id = ANY(?)",
                String.class, (Object) wamids.toArray(String[]::new))).hasSize(wamids.size()).containsOnly("completed/sent"));
    }

    private List<LoggedRequest> replies() {
        return fake.findAll(postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
    }

    private List<LoggedRequest> markReads() {
        return fake.findAll(postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status")));
    }

    private UUID contactId() {
        return jdbc.queryForObject("SELECT id FROM contacts WHERE chatbot_id = ?", UUID.class, tenant.chatbotId());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
