package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static hub.FakeOutside.answer;
import static hub.FakeOutside.escaped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Interactive replies, the handoff to a person and message templates through the signed webhook and the API,
 * with WireMock as Meta's Graph API, the LLM (OpenAI format) and Slack: the agent's buttons and lists reach
 * WhatsApp in Meta's shape (arguments over Meta's limits are a tool error, never a Graph call), the customer's
 * tap is answered like text, a handoff silences the agent and tells the customer when a person answers, and a
 * template reaches a customer outside the 24-hour window.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own WireMock: no later test class reuses this context
class InteractiveRepliesIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);
    static final String MESSAGES = "/v22.0/.*/messages";

    @BeforeEach
    void metaAcceptsMessages() {
        fake.acceptMessagesOfEveryType();
    }

    // ---- send_buttons / send_list ----

    @Test
    void theAgentsButtonsReachWhatsAppAsAnInteractiveMessageAndTheTapIsAnswered() {
        enable("send_buttons");
        fake.llmScript(toolCall("send_buttons", Map.of("body", "¿Qué plan te interesa?", "buttons", List.of(
                        Map.of("id", "plan_basic", "title", "Básico"), Map.of("id", "plan_pro", "title", "Pro"),
                        Map.of("id", "plan_enterprise", "title", "Empresa")))),
                answer("El plan Pro cuesta 49 EUR al mes."));

        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "Quiero contratar")));

        // the buttons are the reply, not the model's text
        fake.verify(1, postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"interactive",
                 "interactive":{"type":"button","body":{"text":"¿Qué plan te interesa?"},
                  "action":{"buttons":[{"type":"reply","reply":{"id":"plan_basic","title":"Básico"}},
                                       {"type":"reply","reply":{"id":"plan_pro","title":"Pro"}},
                                       {"type":"reply","reply":{"id":"plan_enterprise","title":"Empresa"}}]}}}""".formatted(customer),
                true, true)));
        assertThat(textSends()).isZero();
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("send_buttons")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("CUÁNDO USAR"))));

        String contact = contactId();
        JsonNode reply = json(api.get("/api/contacts/" + contact + "/messages?limit=1")).path("items").path(0);
        assertThat(reply.path("role").asText()).isEqualTo("assistant");
        assertThat(reply.path("message_type").asText()).isEqualTo("interactive");
        assertThat(reply.path("content").asText()).contains("¿Qué plan te interesa?", "• Básico", "• Pro", "• Empresa");
        String outbound = reply.path("outbound_whatsapp_message_id").asText();
        http.postSignedWebhook(HubHttp.statusUpdate(tenant.phoneNumberId(), outbound, "read", customer));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?", String.class, outbound)).isEqualTo("read"));

        // the customer taps "Pro": answered like text, the model reads the title and the id
        awaitReplied(send(interactiveReply("button_reply", "plan_pro", "Pro")));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Pro [chosen option id: plan_pro]")));
        fake.verify(postRequestedFor(urlPathMatching(MESSAGES))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("El plan Pro cuesta 49 EUR al mes."))));
        assertThat(jdbc.queryForObject("SELECT content FROM messages WHERE contact_id = ?::uuid AND role = 'user' ORDER BY id DESC LIMIT 1",
                String.class, contact)).isEqualTo("Pro");
    }

    @Test
    void aListReachesWhatsAppInMetasShapeAndARowChoiceOrATemplateButtonIsAnswered() {
        enable("send_list");
        fake.llmScript(toolCall("send_list", Map.of("body", "Elige una sucursal", "button", "Ver sucursales",
                        "section_title", "Ciudad de México", "rows", List.of(
                                Map.of("id", "cdmx_centro", "title", "Centro", "description", "Lunes a sábado, 9 a 19 h"),
                                Map.of("id", "cdmx_polanco", "title", "Polanco")))),
                answer("Polanco abre a las 10."),
                answer("¡Perfecto, te esperamos!"));

        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "¿Dónde están?")));
        fake.verify(1, postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(equalToJson("""
                {"to":"%s","type":"interactive","interactive":{"type":"list","body":{"text":"Elige una sucursal"},
                 "action":{"button":"Ver sucursales","sections":[{"title":"Ciudad de México","rows":[
                   {"id":"cdmx_centro","title":"Centro","description":"Lunes a sábado, 9 a 19 h"},
                   {"id":"cdmx_polanco","title":"Polanco"}]}]}}}""".formatted(customer), true, true)));

        awaitReplied(send(interactiveReply("list_reply", "cdmx_polanco", "Polanco")));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Polanco [chosen option id: cdmx_polanco]")));

        awaitReplied(send(templateButton("Sí, confirmo", "CONFIRM_VISIT")));
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Sí, confirmo [chosen option id: CONFIRM_VISIT]")));
        assertThat(textSends()).isEqualTo(2);
    }

    @Test
    void buttonsOverMetasLimitsAreAToolErrorForTheModelAndNeverAGraphCall() {
        enable("send_buttons");
        fake.llmScript(toolCall("send_buttons", Map.of("body", "Elige", "buttons", List.of(
                        Map.of("id", "a", "title", "Una opción con un título larguísimo"), Map.of("id", "a", "title", "Dos"),
                        Map.of("id", "c", "title", "Tres"), Map.of("id", "d", "title", "Cuatro")))),
                toolCall("send_buttons", Map.of("body", "Elige", "buttons", List.of(
                        Map.of("id", "a", "title", "Una opción con un título larguísimo"), Map.of("id", "a", "title", "Dos")))),
                answer("¿Prefieres la opción uno o la dos?"));

        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "Opciones")));

        fake.verify(0, postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.interactive")));
        fake.verify(postRequestedFor(urlPathMatching(MESSAGES))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("¿Prefieres la opción uno o la dos?"))));
        // the model was told what was wrong each time
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("at most 3 buttons (got 4)")));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("has 35 characters, at most 20 are allowed"))
                .withRequestBody(containing("is used twice: ids must be unique")));
        assertThat(jdbc.queryForList("SELECT status FROM tool_executions WHERE chatbot_id = ? ORDER BY id", String.class,
                tenant.chatbotId())).containsExactly("failed", "failed");
    }

    // ---- handoff_to_human ----

    @Test
    void aHandoffSilencesTheAgentNotifiesTheOwnerAndTellsTheCustomerWhenAPersonAnswers() {
        enable("handoff_to_human");
        jdbc.update("UPDATE organizations SET notification_method = 'slack', slack_webhook_url = ? WHERE id = ?",
                fake.baseUrl() + "/slack/T000/B000", tenant.organizationId());
        jdbc.update("INSERT INTO users (organization_id, email, full_name, role) VALUES (?, ?, 'Ana', 'owner')",
                tenant.organizationId(), "owner-" + UUID.randomUUID() + "@example.com");
        fake.stubFor(post(urlEqualTo("/slack/T000/B000")).willReturn(aResponse().withStatus(200).withBody("ok")));
        // open only tomorrow, 09:00-18:00 in Mexico City: closed now, whatever the time
        LocalDate tomorrow = LocalDate.now(java.time.ZoneId.of("America/Mexico_City")).plusDays(1);
        String day = tomorrow.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        var hours = api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("business_hours", Map.of(day, "09:00-18:00"),
                "time_zone", "America/Mexico_City",
                "handoff_message_closed", "Una persona te responderá el {date} a las {time} ({time_zone})."));
        assertThat(hours.statusCode()).as(hours.body()).isEqualTo(200);
        assertThat(json(hours).path("business_hours").path(day).asText()).isEqualTo("09:00-18:00");
        fake.llmScript(toolCall("handoff_to_human", Map.of("reason", "Pide un reembolso de su pedido 1234")));

        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "Quiero un reembolso, hablar con alguien")));

        fake.verify(postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.text.body",
                equalTo("Una persona te responderá el " + tomorrow + " a las 09:00 (America/Mexico_City)."))));
        assertThat(textSends()).as("the handoff text is the only reply").isEqualTo(1);
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .as("the turn is billed").isEqualTo(1);
        fake.verify(1, postRequestedFor(urlEqualTo("/slack/T000/B000"))
                .withRequestBody(containing("Pide un reembolso de su pedido 1234")));
        String contact = contactId();
        JsonNode read = json(api.get("/api/contacts/" + contact));
        assertThat(read.path("conversation_mode").asText()).isEqualTo("manual");
        assertThat(read.path("needs_person").asBoolean()).isTrue();

        // the next message is left for the person
        String next = send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "¿Hola?"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || ':' || coalesce(skip_reason, '') FROM webhook_events WHERE whatsapp_message_id = ?",
                String.class, next)).containsExactly("skipped:manual_mode"));
        assertThat(textSends()).isEqualTo(1);
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("¿Hola?")));
        assertThat(json(api.get("/api/contacts/" + contact)).path("needs_person").asBoolean()).isTrue();
        assertThat(json(api.get("/api/conversations?filter=needs_person")).path("conversations").findValuesAsText("contact_id"))
                .contains(contact);
    }

    @Test
    void withinBusinessHoursTheCustomerIsToldSomeoneAnswersShortly() {
        enable("handoff_to_human");
        String today = LocalDate.now(ZoneOffset.UTC).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                .toLowerCase(Locale.ROOT);
        Map<String, String> allDay = new java.util.HashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            allDay.put(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), "00:00-23:59");
        }
        assertThat(allDay).containsKey(today);
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("business_hours", allDay, "time_zone", "UTC",
                "handoff_message", "Enseguida te atiende una persona.")).statusCode()).isEqualTo(200);
        fake.llmScript(toolCall("handoff_to_human", Map.of("reason", "Quiere hablar con una persona")));

        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "Una persona, por favor")));

        // one minute a day (23:59-00:00) is outside these hours
        fake.verify(postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.text.body",
                equalTo("Enseguida te atiende una persona."))));
        assertThat(jdbc.queryForObject("SELECT tool_results->0->>'name' FROM messages WHERE contact_id = ?::uuid AND role = 'assistant'",
                String.class, contactId())).isEqualTo("handoff_to_human");
    }

    @Test
    void businessHoursAndTimeZoneAreValidated() {
        assertThat(errorCode(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("time_zone", "Mars/Olympus"))))
                .isEqualTo("invalid_field");
        var badDay = api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("business_hours", Map.of("monday", "09:00-18:00")));
        assertThat(errorCode(badDay)).isEqualTo("invalid_field");
        assertThat(json(badDay).at("/error/message").asText()).contains("business_hours", "mon, tue");
        assertThat(errorCode(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("business_hours", Map.of("mon", "18:00-09:00")))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("business_hours", Map.of("mon", "9-18")))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("handoff_message", "")))).isEqualTo("invalid_field");
        JsonNode set = json(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("business_hours",
                Map.of("sat", "10:00-14:00", "mon", "09:00-18:00"))));
        assertThat(set.path("business_hours").toString()).isEqualTo("{\"mon\":\"09:00-18:00\",\"sat\":\"10:00-14:00\"}");
        assertThat(set.path("time_zone").asText()).isEqualTo("UTC");
        Map<String, Object> always = new java.util.HashMap<>();
        always.put("business_hours", null);
        JsonNode cleared = json(api.patch("/api/chatbots/" + tenant.chatbotId(), always));
        assertThat(cleared.has("business_hours")).as(cleared.toString()).isFalse();
        assertThat(jdbc.queryForObject("SELECT business_hours IS NULL FROM chatbots WHERE id = ?", Boolean.class, tenant.chatbotId()))
                .as("null: a person answers at any time").isTrue();
        assertThat(cleared.path("handoff_message").asText()).startsWith("Te comunico con una persona");

        String number = "7" + (100_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 899_999_999L));
        fake.stubFor(get(urlPathEqualTo("/v22.0/" + number))
                .willReturn(okJson("{\"id\":\"" + number + "\",\"display_phone_number\":\"+1 555 0101\"}")));
        var created = api.post("/api/chatbots", Map.of("name", "Soporte", "whatsapp_phone_number_id", number,
                "whatsapp_access_token", "EAAG-new", "business_hours", Map.of("fri", "08:30-17:00"),
                "time_zone", "Europe/Madrid", "handoff_message", "Ahora te atiende Marta."));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("business_hours").toString()).isEqualTo("{\"fri\":\"08:30-17:00\"}");
        assertThat(json(created).path("time_zone").asText()).isEqualTo("Europe/Madrid");
        assertThat(json(created).path("handoff_message").asText()).isEqualTo("Ahora te atiende Marta.");
        assertThat(errorCode(api.post("/api/chatbots", Map.of("name", "Otro", "whatsapp_phone_number_id", number + "1",
                "whatsapp_access_token", "EAAG-new", "time_zone", "Nowhere")))).isEqualTo("invalid_field");
    }

    // ---- message templates ----

    @Test
    void outsideTheWindowATemplateGoesOutWhereTextIsRefused() {
        fake.llmScript(answer("Hola, ¿en qué te ayudo?"));
        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "Hola")));
        String contact = contactId();
        jdbc.update("UPDATE contacts SET last_inbound_at = now() - interval '30 hours' WHERE id = ?::uuid", contact);

        assertThat(errorCode(api.get("/api/chatbots/" + tenant.chatbotId() + "/templates"))).isEqualTo("no_business_account");
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("whatsapp_business_account_id", "1029384756"))
                .statusCode()).isEqualTo(200);
        fake.stubFor(get(urlPathEqualTo("/v22.0/1029384756/message_templates")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(okJson("""
                        {"data":[{"name":"order_update","status":"APPROVED","language":"es_MX","category":"UTILITY","id":"1",
                          "components":[{"type":"BODY","text":"Hola {{1}}, tu pedido {{2}} está en camino."}]},
                         {"name":"spring_sale","status":"PENDING","language":"es","category":"MARKETING","id":"2",
                          "components":[{"type":"BODY","text":"¡Rebajas!"}]}],
                         "paging":{"cursors":{"before":"a","after":"b"}}}""")));

        JsonNode templates = json(api.get("/api/chatbots/" + tenant.chatbotId() + "/templates"));
        assertThat(templates.path("items")).hasSize(2);
        assertThat(templates.at("/items/0/name").asText()).isEqualTo("order_update");
        assertThat(templates.at("/items/0/status").asText()).isEqualTo("APPROVED");
        assertThat(templates.at("/items/0/parameter_count").asInt()).isEqualTo(2);
        assertThat(templates.at("/items/0/body").asText()).isEqualTo("Hola {{1}}, tu pedido {{2}} está en camino.");
        fake.verify(getRequestedFor(urlPathEqualTo("/v22.0/1029384756/message_templates"))
                .withQueryParam("fields", equalTo("name,status,language,category,components")));

        var text = api.post("/api/contacts/" + contact + "/messages", Map.of("text", "¿Sigues ahí?"));
        assertThat(text.statusCode()).isEqualTo(422);
        assertThat(errorCode(text)).isEqualTo("outside_service_window");

        var sent = api.post("/api/contacts/" + contact + "/templates", Map.of("name", "order_update", "language", "es_MX",
                "parameters", List.of("Lucía", "A-1234")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String wamid = json(sent).path("whatsapp_message_ids").path(0).asText();
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","to":"%s","type":"template","template":{"name":"order_update",
                 "language":{"code":"es_MX"},"components":[{"type":"body","parameters":[
                   {"type":"text","text":"Lucía"},{"type":"text","text":"A-1234"}]}]}}""".formatted(customer), true, true)));
        assertThat(jdbc.queryForMap("SELECT role, message_type, content, delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?",
                wamid)).containsEntry("role", "agent").containsEntry("message_type", "template").containsEntry("delivery_status", "sent")
                .containsEntry("content", "[template order_update (es_MX)] Lucía · A-1234");
        http.postSignedWebhook(HubHttp.statusUpdate(tenant.phoneNumberId(), wamid, "delivered", customer));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?", String.class, wamid)).isEqualTo("delivered"));
    }

    @Test
    void metasTemplateRefusalsAreClearErrors() {
        fake.llmScript(answer("Hola."));
        awaitReplied(send(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid(), "Hola")));
        String contact = contactId();
        fake.stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.template.name", equalTo("no_such")))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#132001) Template name does not exist in the translation\",\"type\":\"OAuthException\",\"code\":132001}}")));
        fake.stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.template.name", equalTo("order_update")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"(#132000) Number of parameters does not match\",\"type\":\"OAuthException\",\"code\":132000}}")));

        var missing = api.post("/api/contacts/" + contact + "/templates", Map.of("name", "no_such", "language", "es"));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(errorCode(missing)).isEqualTo("template_not_found");
        assertThat(json(missing).at("/error/message").asText()).contains("132001", "no_such");
        var mismatch = api.post("/api/contacts/" + contact + "/templates", Map.of("name", "order_update", "language", "es_MX"));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(errorCode(mismatch)).isEqualTo("template_parameters_mismatch");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE contact_id = ?::uuid AND role = 'agent'", Integer.class,
                contact)).isZero();

        assertThat(errorCode(api.post("/api/contacts/" + contact + "/templates", Map.of("name", "Order Update", "language", "es"))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(api.post("/api/contacts/" + contact + "/templates", Map.of("name", "order_update", "language", "spanish"))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(api.post("/api/contacts/" + contact + "/templates", Map.of("name", "order_update")))).isEqualTo("missing_field");
        assertThat(api.as(tenants.create("Other " + UUID.randomUUID()).apiKey())
                .post("/api/contacts/" + contact + "/templates", Map.of("name", "order_update", "language", "es")).statusCode())
                .isEqualTo(404);
    }

    // ---- helpers ----

    private void enable(String builtin) {
        var created = api.post("/api/integrations", Map.of("provider", "builtin", "name", builtin));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var enabled = api.post("/api/chatbots/" + tenant.chatbotId() + "/tools",
                Map.of("integration_id", json(created).path("id").asText()));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    }

    private String send(String webhook) {
        assertThat(http.postSignedWebhook(webhook).statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(parse(webhook))
                .at("/entry/0/changes/0/value/messages/0/id").asText();
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String wamid() {
        return "wamid.in." + UUID.randomUUID();
    }

    private String interactiveReply(String kind, String id, String title) {
        return webhook("\"type\":\"interactive\",\"interactive\":{\"type\":\"%s\",\"%s\":{\"id\":\"%s\",\"title\":\"%s\"}}"
                .formatted(kind, kind, id, title));
    }

    private String templateButton(String text, String payload) {
        return webhook("\"type\":\"button\",\"button\":{\"text\":\"%s\",\"payload\":\"%s\"}".formatted(text, payload));
    }

    private String webhook(String message) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Test Customer"},"wa_id":"%s"}],
                "messages":[{"context":{"from":"15550783881","id":"wamid.out.x"},"from":"%s","id":"%s","timestamp":"1764000000",%s}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), customer, customer, wamid(), message);
    }

    private void awaitReplied(String wamid) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || ':' || coalesce(reply_status, '') FROM webhook_events WHERE whatsapp_message_id = ?",
                String.class, wamid)).containsExactly("completed:sent"));
    }

    private String contactId() {
        return jdbc.queryForObject("SELECT id::text FROM contacts WHERE chatbot_id = ? AND phone_number = ?", String.class,
                tenant.chatbotId(), customer);
    }

    private int textSends() {
        return fake.findAll(postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.text"))).size();
    }

    private static String toolCall(String name, Map<String, Object> arguments) {
        try {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(arguments);
            return FakeOutside.toolCall("call_" + UUID.randomUUID().toString().substring(0, 8), name, escaped(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
