package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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

/** Without a transcription provider a voice note is not downloaded: the customer is asked to write instead. */
@IntegrationTest
class VoiceNoteWithoutTranscriptionIT {

    static final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort());

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

    @Test
    void theChatbotsPleaseWriteTextIsSent() {
        Tenant tenant = tenants.create("No transcription " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = 'EAAG-token' WHERE id = ?",
                tenant.chatbotId());
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.1\"}]}")));
        String customer = "5215512340000";
        String wamid = "wamid.in." + UUID.randomUUID();

        assertThat(new HubHttp(port).postSignedWebhook("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Cliente"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"1764000000","type":"audio",
                "audio":{"id":"778899","mime_type":"audio/ogg; codecs=opus","voice":true}}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), customer, customer, wamid)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || ':' || skip_reason || ':' || reply_status FROM webhook_events WHERE whatsapp_message_id = ?",
                String.class, wamid)).containsExactly("skipped:unsupported_type:sent"));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("¿Podrías escribirme tu pregunta?"))));
        fake.verify(0, getRequestedFor(urlEqualTo("/v22.0/778899")));
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }
}
