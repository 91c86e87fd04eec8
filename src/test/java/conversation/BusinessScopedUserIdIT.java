package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
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
 * A customer known only by a username: Meta sends their business-scoped user id ({@code from_user_id}) and no
 * phone number. The reply and an agent's message go back to that id in the {@code recipient} field, never as a
 * number made of its digits; the contact keeps the id as it came.
 */
@IntegrationTest
class BusinessScopedUserIdIT {

    static final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort());
    static final String BSUID = "CO.1047385771169864";

    static {
        fake.start();
    }

    @DynamicPropertySource
    static void outside(DynamicPropertyRegistry registry) {
        registry.add("hub.whatsapp.graph-base-url", fake::baseUrl);
        registry.add("hub.llm.openai.api-key", () -> "sk-test");
        registry.add("hub.llm.openai.base-url", () -> fake.baseUrl() + "/v1");
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

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        tenant = tenants.create("Usernames " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = 'EAAG-test-token' WHERE id = ?",
                tenant.chatbotId());
        fake.resetAll();
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status"))
                .willReturn(okJson("{\"success\":true}")));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"¡Hola! Abrimos a las 9."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""")));
    }

    @Test
    void aCustomerKnownOnlyByAUsernameIsAnsweredAtTheirBusinessScopedUserId() {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Vale"},"user_id":"%s","username":"vale.mx"}],
                "messages":[{"from_user_id":"%s","id":"%s","timestamp":"1764000000","type":"text","text":{"body":"¿A qué hora abren?"}}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), BSUID, BSUID, wamid)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT reply_status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid)).isEqualTo("sent"));
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.recipient", equalTo(BSUID)))
                .withRequestBody(matchingJsonPath("$.text.body", containing("Abrimos"))));
        fake.verify(0, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.to")));
        Map<String, Object> contact = jdbc.queryForMap("SELECT id, phone_number FROM contacts WHERE chatbot_id = ?", tenant.chatbotId());
        assertThat(contact).containsEntry("phone_number", BSUID);

        ApiClient api = new ApiClient(http, tenant.apiKey());
        var sent = api.post("/api/contacts/" + contact.get("id") + "/messages", Map.of("text", "Soy Ana, del equipo."));
        assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 201);
        assertThat(json(sent).toString()).contains("wamid.out.");
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.recipient", equalTo(BSUID)))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Soy Ana, del equipo."))));
        fake.verify(0, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.to")));
    }
}
