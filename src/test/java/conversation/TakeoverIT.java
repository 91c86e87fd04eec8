package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static hub.FakeOutside.CHAT_COMPLETIONS;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static hub.FakeOutside.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ApiClient;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Contacts, conversations and the human takeover over HTTP, with WireMock as Meta's Graph API and as
 * an OpenAI-compatible LLM: manual mode silences the agent (also a reply it is still preparing), an
 * agent's message goes out through the Graph API and is stored, outside the 24-hour window it is
 * refused, and auto mode gives the conversation back to the agent.
 */
@ExtendWith(OutputCaptureExtension.class)
class TakeoverIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);

    String token;

    @BeforeEach
    void connectedAndAnswering() {
        token = fake.connect(api, tenant);
        fake.acceptMessages();
        fake.llmAnswers("Respuesta del agente automático", 10, 5);
    }

    @Test
    void manualModeSilencesTheAgentAndAnAgentMessageIsDeliveredAndStored(CapturedOutput output) {
        String first = send("Hola");
        awaitEvent(first, "completed");
        String contact = contactId();
        assertThat(textSends()).isEqualTo(1);

        var manual = api.patch("/api/contacts/" + contact, Map.of("conversation_mode", "manual"));
        assertThat(manual.statusCode()).isEqualTo(200);
        assertThat(json(manual).get("conversation_mode").asText()).isEqualTo("manual");

        String second = send("¿Me atiende una persona?");
        awaitEvent(second, "skipped");
        assertThat(textSends()).as("the agent stays silent").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, second))
                .isEqualTo("manual_mode");

        var sent = api.post("/api/contacts/" + contact + "/messages", Map.of("text", "Hola, soy Ana del equipo. ¿En qué te ayudo?"));
        assertThat(sent.statusCode()).isEqualTo(201);
        String wamid = json(sent).get("whatsapp_message_ids").get(0).asText();
        assertThat(wamid).startsWith("wamid.out.");
        fake.verify(postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Hola, soy Ana del equipo. ¿En qué te ayudo?")))
                .withRequestBody(matchingJsonPath("$.to", equalTo(customer))));
        assertThat(jdbc.queryForMap("SELECT role, content, delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?", wamid))
                .containsEntry("role", "agent").containsEntry("delivery_status", "sent");

        http.postSignedWebhook(HubHttp.statusUpdate(tenant.phoneNumberId(), wamid, "delivered", customer));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?", String.class, wamid)).isEqualTo("delivered"));

        JsonNode page = json(api.get("/api/contacts/" + contact + "/messages?limit=2"));
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("role").asText()).isEqualTo("agent");
        assertThat(page.get("items").get(0).get("delivery_status").asText()).isEqualTo("delivered");
        assertThat(page.get("items").get(1).get("not_answered_reason").asText()).isEqualTo("manual_mode");
        long before = page.get("next_before").asLong();
        JsonNode older = json(api.get("/api/contacts/" + contact + "/messages?limit=2&before=" + before));
        assertThat(older.get("items")).hasSize(2);
        assertThat(older.get("items").get(0).get("role").asText()).isEqualTo("assistant");
        assertThat(older.get("items").get(1).get("role").asText()).isEqualTo("user");
        assertThat(older.get("items").get(1).get("content").asText()).isEqualTo("Hola");

        assertThat(api.patch("/api/contacts/" + contact, Map.of("conversation_mode", "auto")).statusCode()).isEqualTo(200);
        String third = send("Gracias");
        awaitEvent(third, "completed");
        assertThat(textSends()).as("the agent answers again").isEqualTo(3);
        assertThat(output.getAll()).as("the access token is never logged").doesNotContain(token);
    }

    @Test
    void aMessageMetaRefusesIsReportedAndNotStoredAsSent() {
        awaitEvent(send("Hola"), "completed");
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text.body", equalTo("Oferta")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100}}")));

        var refused = api.post("/api/contacts/" + contactId() + "/messages", Map.of("text", "Oferta"));

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(errorCode(refused)).isEqualTo("delivery_failed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE contact_id = ?::uuid AND role = 'agent'", Integer.class,
                contactId())).isZero();

        jdbc.update("UPDATE chatbots SET whatsapp_access_token = NULL WHERE id = ?", tenant.chatbotId());
        var noToken = api.post("/api/contacts/" + contactId() + "/messages", Map.of("text", "Hola"));
        assertThat(noToken.statusCode()).isEqualTo(409);
        assertThat(errorCode(noToken)).isEqualTo("no_access_token");
    }

    @Test
    void aReplyInFlightIsNotSentOnceAHumanTakesOver() {
        llmAnswers("Esta respuesta no debe salir", Duration.ofSeconds(4));
        String wamid = send("Pregunta lenta");
        await().atMost(Duration.ofSeconds(20)).until(() -> !jdbc.queryForList(
                "SELECT 1 FROM contacts WHERE chatbot_id = ? AND phone_number = ?", tenant.chatbotId(), customer).isEmpty());
        // the contact is stored by the context enricher, before the LLM call that takes 4 s

        assertThat(api.patch("/api/contacts/" + contactId(), Map.of("conversation_mode", "manual")).statusCode()).isEqualTo(200);

        awaitEvent(wamid, "skipped");
        assertThat(jdbc.queryForMap("SELECT skip_reason, reply_status FROM webhook_events WHERE whatsapp_message_id = ?", wamid))
                .containsEntry("skip_reason", "manual_mode");
        assertThat(textSends()).as("the prepared reply is dropped").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'assistant'", Integer.class,
                tenant.chatbotId())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .as("nothing delivered, nothing billed").isZero();
    }

    @Test
    void outsideTheCustomerServiceWindowAnAgentMessageIsRefused() {
        awaitEvent(send("Hola"), "completed");
        String contact = contactId();
        jdbc.update("UPDATE contacts SET last_inbound_at = now() - interval '25 hours' WHERE id = ?::uuid", contact);
        int before = textSends();

        var refused = api.post("/api/contacts/" + contact + "/messages", Map.of("text", "¿Sigues ahí?"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errorCode(refused)).isEqualTo("outside_service_window");
        assertThat(json(refused).at("/error/message").asText()).contains("24 hours");
        assertThat(textSends()).as("nothing sent").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE contact_id = ?::uuid AND role = 'agent'", Integer.class,
                contact)).isZero();
    }

    @Test
    void metasReEngagementRefusalIsTheSameClearError() {
        awaitEvent(send("Hola"), "completed");
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text.body", equalTo("Tarde")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Re-engagement message\",\"type\":\"OAuthException\",\"code\":131047}}")));

        var refused = api.post("/api/contacts/" + contactId() + "/messages", Map.of("text", "Tarde"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(errorCode(refused)).isEqualTo("outside_service_window");
    }

    @Test
    void contactsAreSearchedAndTheirVariablesTagsAndNameChanged() {
        awaitEvent(send("Hola"), "completed");
        String contact = contactId();

        var changed = api.patch("/api/contacts/" + contact, Map.of("name", "Lucía", "variables", Map.of("plan", "gold", "city", "Madrid"),
                "tags", List.of("vip", "madrid")));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).get("variables").get("plan").asText()).isEqualTo("gold");
        java.util.Map<String, Object> removeCity = new java.util.HashMap<>();
        removeCity.put("city", null);
        JsonNode merged = json(api.patch("/api/contacts/" + contact, Map.of("variables", removeCity)));
        assertThat(merged.get("variables").has("city")).as("a variable set to null is removed").isFalse();
        assertThat(merged.get("variables").get("plan").asText()).as("the others stay").isEqualTo("gold");
        assertThat(merged.get("tags")).hasSize(2);

        assertThat(json(api.get("/api/contacts?q=Luc")).get("items").findValuesAsText("id")).containsExactly(contact);
        assertThat(json(api.get("/api/contacts?q=%25")).get("items")).as("%% is searched as text, not a wildcard").isEmpty();
        assertThat(json(api.get("/api/contacts?q=" + customer.substring(3))).get("items").findValuesAsText("id")).containsExactly(contact);
        assertThat(json(api.get("/api/contacts?tag=vip&chatbot_id=" + tenant.chatbotId())).get("items")).hasSize(1);
        assertThat(json(api.get("/api/contacts?tag=nope")).get("items")).isEmpty();
        assertThat(json(api.get("/api/contacts?mode=manual")).get("items")).isEmpty();
        assertThat(json(api.get("/api/contacts/" + contact)).get("name").asText()).isEqualTo("Lucía");

        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of("conversation_mode", "robot")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of("tags", "vip")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of("variables", List.of(1))))).isEqualTo("invalid_field");
        assertThat(errorCode(api.post("/api/contacts/" + contact + "/messages", Map.of("text", " ")))).isEqualTo("missing_field");
        assertThat(errorCode(api.get("/api/contacts?mode=robot"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.get("/api/contacts?chatbot_id=nope"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.get("/api/contacts?limit=0"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.get("/api/contacts/" + contact + "/messages?before=latest"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of("nickname", "Lu")))).isEqualTo("unknown_field");
        assertThat(errorCode(api.post("/api/contacts/" + contact + "/messages", Map.of("text", "Hola", "to", customer))))
                .isEqualTo("unknown_field");
        assertThat(errorCode(api.post("/api/contacts/" + contact + "/messages", Map.of("text", 5)))).isEqualTo("invalid_field");
        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of()))).isEqualTo("missing_field");
        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of("name", " ")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.patch("/api/contacts/" + contact, Map.of("tags", java.util.Collections.nCopies(51, "x")))))
                .isEqualTo("invalid_field");

        java.util.Map<String, Object> nameNull = new java.util.HashMap<>();
        nameNull.put("name", null);
        assertThat(errorCode(api.patch("/api/contacts/" + contact, nameNull))).as("a name cannot be cleared").isEqualTo("invalid_field");
        java.util.Map<String, Object> tagsNull = new java.util.HashMap<>();
        tagsNull.put("tags", null);
        JsonNode untagged = json(api.patch("/api/contacts/" + contact, tagsNull));
        assertThat(untagged.get("tags")).as("tags sent as null are removed").isEmpty();
        assertThat(untagged.get("name").asText()).as("fields left out stay").isEqualTo("Lucía");
        assertThat(untagged.get("variables").get("plan").asText()).isEqualTo("gold");
        JsonNode deduplicated = json(api.patch("/api/contacts/" + contact, Map.of("tags", List.of("vip", " vip ", "norte"))));
        assertThat(deduplicated.get("tags").toString()).isEqualTo("[\"vip\",\"norte\"]");
    }

    @Test
    void anotherTenantNeverReadsOrChangesTheseContacts() {
        awaitEvent(send("Hola"), "completed");
        String contact = contactId();
        ApiClient other = api.as(tenants.create("Other " + UUID.randomUUID()).apiKey());
        int before = textSends();

        assertThat(other.get("/api/contacts/" + contact).statusCode()).isEqualTo(404);
        assertThat(other.get("/api/contacts/" + contact + "/messages").statusCode()).isEqualTo(404);
        assertThat(other.patch("/api/contacts/" + contact, Map.of("conversation_mode", "manual")).statusCode()).isEqualTo(404);
        assertThat(other.post("/api/contacts/" + contact + "/messages", Map.of("text", "spam")).statusCode()).isEqualTo(404);
        assertThat(json(other.get("/api/contacts?q=" + customer)).get("items")).isEmpty();

        assertThat(jdbc.queryForObject("SELECT conversation_mode FROM contacts WHERE id = ?::uuid", String.class, contact)).isEqualTo("auto");
        assertThat(textSends()).isEqualTo(before);
    }

    private String send(String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode()).isEqualTo(200);
        return wamid;
    }

    private void awaitEvent(String wamid, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid)).containsExactly(status));
    }

    private String contactId() {
        return jdbc.queryForObject("SELECT id::text FROM contacts WHERE chatbot_id = ? AND phone_number = ?", String.class,
                tenant.chatbotId(), customer);
    }

    private int textSends() {
        return fake.findAll(postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.text"))).size();
    }

    private void llmAnswers(String text, Duration delay) {
        fake.stubFor(post(urlEqualTo(CHAT_COMPLETIONS)).willReturn(okJson(answer(text, 10, 5)).withFixedDelay((int) delay.toMillis())));
    }
}
