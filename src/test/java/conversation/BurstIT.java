package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import hub.ApiClient;
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

/**
 * A customer's quick messages answered together ({@code hub.conversation.burst-window} 1 s here): one LLM call
 * with the messages in order, one reply, every message stored and answered by it; read marks at once.
 */
@IntegrationTest
class BurstIT {

    static final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        fake.start();
    }

    @DynamicPropertySource
    static void outside(DynamicPropertyRegistry registry) {
        registry.add("hub.whatsapp.graph-base-url", fake::baseUrl);
        registry.add("hub.llm.openai.api-key", () -> "sk-test");
        registry.add("hub.llm.openai.base-url", () -> fake.baseUrl() + "/v1");
        registry.add("hub.conversation.burst-window", () -> "1s");
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    Tenant tenant;
    String customer;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        tenant = tenants.create("Burst " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = 'EAAG-test-token' WHERE id = ?",
                tenant.chatbotId());
        customer = "346" + (10_000_000 + Math.abs(UUID.randomUUID().hashCode() % 89_999_999));
        fake.resetAll();
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status"))
                .willReturn(okJson("{\"success\":true}")));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-b","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"El plan pro cuesta 49 EUR."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":40,"completion_tokens":8,"total_tokens":48}}""")));
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
        JsonNode page = ApiClient.json(new ApiClient(http, tenant.apiKey()).get("/api/contacts/" + contactId() + "/messages"));
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
