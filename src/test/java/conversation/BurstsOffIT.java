package conversation;

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
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code hub.conversation.burst-window} 0, three quick messages get three turns and three replies. */
@IntegrationTest
class BurstsOffIT {

    static final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        fake.start();
    }

    @DynamicPropertySource
    static void outside(DynamicPropertyRegistry registry) {
        registry.add("hub.whatsapp.graph-base-url", fake::baseUrl);
        registry.add("hub.llm.openai.api-key", () -> "sk-test");
        registry.add("hub.llm.openai.base-url", () -> fake.baseUrl() + "/v1");
        registry.add("hub.conversation.burst-window", () -> "0");
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

    @Test
    void threeQuickMessagesGetThreeReplies() throws Exception {
        HubHttp http = new HubHttp(port);
        Tenant tenant = tenants.create("No bursts " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = 'EAAG-test-token' WHERE id = ?",
                tenant.chatbotId());
        String customer = "346" + (10_000_000 + Math.abs(UUID.randomUUID().hashCode() % 89_999_999));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status"))
                .willReturn(okJson("{\"success\":true}")));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-o","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Claro."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""")));

        for (String text : new String[] {"hola", "una pregunta", "cuanto cuesta el plan pro"}) {
            assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, "wamid.in." + UUID.randomUUID(),
                    text)).statusCode()).isEqualTo(200);
            Thread.sleep(300);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM webhook_events WHERE chatbot_id = ? AND status = 'completed' AND reply_status = 'sent'",
                Integer.class, tenant.chatbotId())).isEqualTo(3));
        fake.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        fake.verify(3, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ? AND answered_by_message_id IS NOT NULL",
                Integer.class, tenant.chatbotId())).isZero();
    }
}
