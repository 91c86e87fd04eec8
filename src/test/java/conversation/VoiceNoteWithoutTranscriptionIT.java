package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import hub.ChatbotTest;
import hub.FakeOutside;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without a transcription provider a voice note is not downloaded: the customer is asked to write instead. */
class VoiceNoteWithoutTranscriptionIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);

    @Test
    void theChatbotsPleaseWriteTextIsSent() {
        fake.acceptMessages();
        String wamid = "wamid.in." + UUID.randomUUID();

        assertThat(http.postSignedWebhook("""
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
