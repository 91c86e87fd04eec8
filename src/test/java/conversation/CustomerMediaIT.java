package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import hub.knowledge.TestDocuments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Customers' voice notes, images and documents through the signed webhook: WireMock is Meta's Graph API
 * (media lookup and download, sends), an OpenAI-compatible transcription server and the LLM.
 */
@ExtendWith(OutputCaptureExtension.class)
class CustomerMediaIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);
    static final long MAX_IMAGE_BYTES = 64 * 1024;

    @DynamicPropertySource
    static void transcription(DynamicPropertyRegistry registry) {
        registry.add("hub.media.transcription.base-url", () -> fake.baseUrl() + "/whisper/v1");
        registry.add("hub.media.transcription.api-key", () -> "sk-whisper");
        registry.add("hub.media.max-image-size", () -> MAX_IMAGE_BYTES + "B");
    }

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void metaAcceptsAndTheModelAnswers() {
        fake.acceptMessages();
        fake.llmAnswers("El plan Pro cuesta 499 MXN.", 100, 10);
    }

    @Test
    void aVoiceNoteIsDownloadedTranscribedStoredAndAnsweredFromItsTranscript(CapturedOutput output) throws Exception {
        byte[] voice = ogg();
        String mediaId = metaHasMedia(voice, "audio/ogg; codecs=opus");
        fake.stubFor(post(urlEqualTo("/whisper/v1/audio/transcriptions"))
                .willReturn(okJson("{\"text\":\"¿Cuánto cuesta el plan pro al mes?\"}")));

        String wamid = sendMedia("audio", mediaId, "audio/ogg; codecs=opus", null, "\"voice\":true");

        awaitReplySent(wamid);
        fake.verify(getRequestedFor(urlEqualTo("/v22.0/" + mediaId)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        fake.verify(getRequestedFor(urlEqualTo("/media/" + mediaId)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        fake.verify(postRequestedFor(urlEqualTo("/whisper/v1/audio/transcriptions"))
                .withHeader("Authorization", equalTo("Bearer sk-whisper"))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBody(containing("whisper-1")).withRequestBody(containing("voice-note.ogg")));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("¿Cuánto cuesta el plan pro al mes?")));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("499 MXN"))));
        assertThat(jdbc.queryForMap("SELECT transcript, not_answered_reason FROM messages WHERE whatsapp_message_id = ?", wamid))
                .containsEntry("transcript", "¿Cuánto cuesta el plan pro al mes?").containsEntry("not_answered_reason", null);

        JsonNode history = history();
        JsonNode voiceNote = find(history, wamid);
        assertThat(voiceNote.path("message_type").asText()).isEqualTo("audio");
        assertThat(voiceNote.path("transcript").asText()).isEqualTo("¿Cuánto cuesta el plan pro al mes?");
        assertThat(output.getAll()).doesNotContain("plan pro al mes").doesNotContain(Base64.getEncoder().encodeToString(voice));

        // Meta delivering the same voice note again: neither transcribed nor answered a second time
        sendMedia(wamid, "audio", mediaId, "audio/ogg; codecs=opus", null, "\"voice\":true");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                fake.verify(1, postRequestedFor(urlEqualTo("/whisper/v1/audio/transcriptions"))));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        fake.verify(1, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
    }

    @Test
    void aVoiceNoteTheProviderCannotTranscribeAsksTheCustomerToWriteAndAlertsOnce() {
        fake.stubFor(post(urlEqualTo("/whisper/v1/audio/transcriptions")).willReturn(aResponse().withStatus(503)));
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(),
                Map.of("please_write_message", "No pude escuchar tu nota de voz, ¿me lo escribes?")).statusCode()).isEqualTo(200);

        String first = sendMedia("audio", metaHasMedia(ogg(), "audio/ogg"), "audio/ogg", null, "\"voice\":true");
        String second = sendMedia("audio", metaHasMedia(ogg(), "audio/ogg"), "audio/ogg", null, "\"voice\":true");

        awaitNotAnswered(first, "media_unreadable");
        awaitNotAnswered(second, "media_unreadable");
        fake.verify(2, postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("No pude escuchar tu nota de voz"))));
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT type || ':' || occurrence_count FROM system_alerts WHERE chatbot_id = ?", String.class,
                tenant.chatbotId())).containsExactly("LLM_FAILURE:2"));
        assertThat(count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?")).as("nothing billed").isZero();
    }

    @Test
    void anImageReachesAVisionModelAsImageContentWithItsCaption(CapturedOutput output) throws Exception {
        byte[] photo = jpeg(20_000);
        String mediaId = metaHasMedia(photo, "image/jpeg");

        String wamid = sendMedia("image", mediaId, "image/jpeg", "¿Tienen esta en azul?",
                "\"sha256\":\"" + sha256(photo) + "\"");

        awaitReplySent(wamid);
        String base64 = Base64.getEncoder().encodeToString(photo);
        JsonNode request = json.readTree(fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString());
        JsonNode user = request.path("messages").get(request.path("messages").size() - 1);
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("content").findValuesAsText("text")).anySatisfy(text -> assertThat(text).contains("¿Tienen esta en azul?"));
        assertThat(user.path("content").findPath("image_url").path("url").asText()).isEqualTo("data:image/jpeg;base64," + base64);
        assertThat(output.getAll()).doesNotContain(base64.substring(0, 200));
    }

    @Test
    void aModelThatDoesNotSeeImagesGetsTheCaptionAndNothingIsDownloaded() throws Exception {
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-3.5-turbo' WHERE id = ?", tenant.chatbotId());
        String mediaId = metaHasMedia(jpeg(2_000), "image/jpeg");

        String wamid = sendMedia("image", mediaId, "image/jpeg", "¿Tienen esta en azul?", null);

        awaitReplySent(wamid);
        fake.verify(0, getRequestedFor(urlEqualTo("/v22.0/" + mediaId)));
        String request = fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString();
        assertThat(request).contains("¿Tienen esta en azul?").doesNotContain("image_url");

        String withoutCaption = sendMedia("image", metaHasMedia(jpeg(2_000), "image/jpeg"), "image/jpeg", null, null);
        awaitNotAnswered(withoutCaption, "unsupported_type");
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("solo puedo leer mensajes de texto"))));
    }

    @Test
    void theTextOfACustomersPdfReachesTheAgentWithItsCaption(CapturedOutput output) {
        byte[] pdf = TestDocuments.pdf("Factura", List.of("Factura 2291: plan Pro, 499 MXN, vence el 30 de junio."));
        String mediaId = metaHasMedia(pdf, "application/pdf");

        String wamid = sendMedia("document", mediaId, "application/pdf", "¿Cuándo vence esta factura?",
                "\"filename\":\"factura-2291.pdf\"");

        awaitReplySent(wamid);
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Factura 2291: plan Pro, 499 MXN"))
                .withRequestBody(containing("factura-2291.pdf"))
                .withRequestBody(containing("¿Cuándo vence esta factura?")));
        assertThat(output.getAll()).doesNotContain("Factura 2291");
    }

    @Test
    void theTextOfACustomersDocxReachesTheAgentWithoutACaption() {
        String docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        byte[] docx = TestDocuments.docx("Pedido", List.of(new TestDocuments.Paragraph("Pedido 7731: 3 sillas Nogal, entrega en Puebla.")));
        String mediaId = metaHasMedia(docx, docxType);

        String wamid = sendMedia("document", mediaId, docxType, null, "\"filename\":\"pedido.docx\"");

        awaitReplySent(wamid);
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Pedido 7731: 3 sillas Nogal, entrega en Puebla.")));
    }

    @Test
    void anImageOverTheSizeCapIsRefusedAndTheCustomerIsToldSo() {
        String declared = metaHasMedia(jpeg((int) MAX_IMAGE_BYTES + 1), "image/jpeg", true);
        String streamed = metaHasMedia(jpeg((int) MAX_IMAGE_BYTES + 1), "image/jpeg", false);

        String first = sendMedia("image", declared, "image/jpeg", "mira", null);
        String second = sendMedia("image", streamed, "image/jpeg", "mira", null);

        awaitNotAnswered(first, "media_unreadable");
        awaitNotAnswered(second, "media_unreadable");
        fake.verify(0, getRequestedFor(urlEqualTo("/media/" + declared)));
        fake.verify(2, postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("no puedo escuchar tu nota de voz ni abrir tu archivo"))));
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        awaitOneAlertSaying("larger than");
    }

    @Test
    void mediaThatIsNotWhatItWasDeclaredAsIsRefusedAndTheCustomerIsToldSo() {
        byte[] program = "MZ\u0090\u0000 this is not a jpeg".getBytes(StandardCharsets.ISO_8859_1);
        String mediaId = metaHasMedia(program, "image/jpeg");

        String wamid = sendMedia("image", mediaId, "image/jpeg", "mira esto", null);

        awaitNotAnswered(wamid, "media_unreadable");
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("abrir tu archivo"))));
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        awaitOneAlertSaying("not the image/jpeg it was declared as");
    }

    @Test
    void mediaWhoseBytesDoNotHaveTheHashMetaSentIsRefused() throws Exception {
        String mediaId = metaHasMedia(jpeg(3_000), "image/jpeg");

        String wamid = sendMedia("image", mediaId, "image/jpeg", "mira", "\"sha256\":\"" + sha256(jpeg(3_000)) + "\"");

        awaitNotAnswered(wamid, "media_unreadable");
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        awaitOneAlertSaying("does not have the SHA-256 Meta sent");
    }

    @Test
    void mediaMetaNoLongerHasGetsThePleaseWriteTextAndOtherMessagesAreStillAnswered() {
        fake.stubFor(get(urlEqualTo("/v22.0/gone-1")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":100}}")));

        String gone = sendMedia("audio", "gone-1", "audio/ogg", null, null);
        String text = "wamid.in." + UUID.randomUUID();
        http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, text, "hola"));

        awaitNotAnswered(gone, "media_unreadable");
        awaitReplySent(text);
    }

    @Test
    void aMediaUrlThatExpiredIsLookedUpAgain() {
        String mediaId = metaHasMedia(jpeg(3_000), "image/jpeg");
        fake.stubFor(get(urlEqualTo("/media/" + mediaId)).inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(404)).willSetStateTo("expired once"));

        String wamid = sendMedia("image", mediaId, "image/jpeg", "¿Cuánto cuesta?", null);

        awaitReplySent(wamid);
        fake.verify(2, getRequestedFor(urlEqualTo("/v22.0/" + mediaId)));
        fake.verify(2, getRequestedFor(urlEqualTo("/media/" + mediaId)));
    }

    /** Meta holding {@code bytes}: the lookup answers a URL on the fake (with the size), the URL the bytes. */
    private String metaHasMedia(byte[] bytes, String mimeType) {
        return metaHasMedia(bytes, mimeType, true);
    }

    private String metaHasMedia(byte[] bytes, String mimeType, boolean declareSize) {
        String mediaId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        fake.stubFor(get(urlEqualTo("/v22.0/" + mediaId)).willReturn(okJson("""
                {"messaging_product":"whatsapp","url":"%s/media/%s","mime_type":"%s",%s"id":"%s"}"""
                .formatted(fake.baseUrl(), mediaId, mimeType, declareSize ? "\"file_size\":" + bytes.length + "," : "", mediaId))));
        fake.stubFor(get(urlEqualTo("/media/" + mediaId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", mimeType).withBody(bytes)));
        return mediaId;
    }

    private String sendMedia(String type, String mediaId, String mimeType, String caption, String extra) {
        return sendMedia("wamid.in." + UUID.randomUUID(), type, mediaId, mimeType, caption, extra);
    }

    private String sendMedia(String wamid, String type, String mediaId, String mimeType, String caption, String extra) {
        StringBuilder media = new StringBuilder("\"id\":\"" + mediaId + "\",\"mime_type\":\"" + mimeType + "\"");
        if (caption != null) {
            media.append(",\"caption\":\"").append(caption).append('"');
        }
        if (extra != null) {
            media.append(',').append(extra);
        }
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Cliente"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"1764000000","type":"%s","%s":{%s}}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), customer, customer, wamid, type, type, media);
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
        return wamid;
    }

    private JsonNode history() throws Exception {
        String contactId = jdbc.queryForObject("SELECT id::text FROM contacts WHERE chatbot_id = ?", String.class,
                tenant.chatbotId());
        var response = api.get("/api/contacts/" + contactId + "/messages");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("items");
    }

    private static JsonNode find(JsonNode messages, String wamid) {
        for (JsonNode message : messages) {
            if (wamid.equals(message.path("whatsapp_message_id").asText())) {
                return message;
            }
        }
        throw new AssertionError("no message " + wamid + " in " + messages);
    }

    private void awaitReplySent(String wamid) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || ':' || coalesce(reply_status, '') FROM webhook_events WHERE whatsapp_message_id = ?",
                String.class, wamid)).containsExactly("completed:sent"));
    }

    private void awaitNotAnswered(String wamid, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?",
                    String.class, wamid)).containsExactly(reason);
            assertThat(jdbc.queryForList("SELECT status || ':' || skip_reason FROM webhook_events WHERE whatsapp_message_id = ?",
                    String.class, wamid)).containsExactly("skipped:" + reason);
        });
    }

    private void awaitOneAlertSaying(String text) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT message FROM system_alerts WHERE chatbot_id = ?", String.class, tenant.chatbotId()))
                .singleElement().asString().contains(text));
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class, tenant.chatbotId());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] ogg() {
        byte[] bytes = new byte[4_000];
        ThreadLocalRandom.current().nextBytes(bytes);
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        return bytes;
    }

    private static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }
}
