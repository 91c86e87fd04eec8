package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static hub.FakeOutside.answer;
import static hub.FakeOutside.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What one customer message may spend, and on whose behalf the agent acts, through the signed webhook:
 * the tool-call and time budget of a message, the business tools writing only the sender's own records,
 * and the per-customer rate limit. WireMock plays Meta's Graph API, the LLM and an HTTP tool server;
 * PostgreSQL and Kafka are real. Users see the outcome in {@code GET /api/contacts/{id}/messages}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own WireMock and turn timeout
class AgentLimitsIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);
    static final Duration TURN_TIMEOUT = Duration.ofSeconds(8);

    @DynamicPropertySource
    static void turnTimeout(DynamicPropertyRegistry registry) {
        registry.add("hub.conversation.turn-timeout", () -> TURN_TIMEOUT.toSeconds() + "s");
    }

    final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void fallbackTextAndMetaAccepting() {
        jdbc.update("UPDATE chatbots SET fallback_message_error = 'Perdón, hoy voy lento. Inténtalo de nuevo.' WHERE id = ?",
                tenant.chatbotId());
        fake.acceptMessages();
    }

    // ---- the turn budget ----

    @Test
    void toolCallsBeyondTheBudgetOfAMessageAreNotRunAndTheModelIsToldToAnswer() throws Exception {
        enableStockTool("/stock");
        fake.stubFor(post(urlEqualTo("/stock/tools/check_stock")).willReturn(okJson("{\"success\":true,\"in_stock\":3}")));
        fake.llmScript(toolCalls(6, 1), toolCalls(6, 7), answer("Quedan 3 de cada talla."));

        String wamid = send("¿Hay stock de todas las tallas?");

        awaitReply(wamid);
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("Quedan 3"))));
        fake.verify(8, postRequestedFor(urlEqualTo("/stock/tools/check_stock")));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Not run: this message already used its 8 tool calls")));
        JsonNode inbound = awaitInbound(wamid, m -> m.path("tool_executions").size() == 12);
        List<String> statuses = new ArrayList<>();
        inbound.path("tool_executions").forEach(e -> statuses.add(e.path("status").asText()));
        assertThat(statuses).containsExactlyElementsOf(concat(Collections.nCopies(8, "success"), Collections.nCopies(4, "skipped")));
        assertThat(inbound.path("tool_executions").get(11).path("error_message").asText()).contains("8 tool calls");
        assertThat(reason(inbound)).isEqualTo("answered");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT tool_calls FROM usage_logs WHERE chatbot_id = ?", Integer.class, tenant.chatbotId())).isEqualTo(8));
    }

    @Test
    void aCallOfAToolTheChatbotDoesNotHaveIsRecordedWithTheAnswer() throws Exception {
        fake.llmScript(toolCall("call_x", "delete_everything", "{}"), answer("No puedo hacer eso."));

        String wamid = send("Borra mis datos");

        awaitReply(wamid);
        JsonNode inbound = awaitInbound(wamid, m -> m.path("tool_executions").size() == 1);
        assertThat(inbound.path("tool_executions").get(0).path("tool_name").asText()).isEqualTo("delete_everything");
        assertThat(inbound.path("tool_executions").get(0).path("tool_type").asText()).isEqualTo("unknown");
        assertThat(inbound.path("tool_executions").get(0).path("status").asText()).isEqualTo("failed");
        assertThat(reason(inbound)).isEqualTo("answered");
    }

    @Test
    void aToolThatHangsPastTheMessagesTimeBudgetEndsInTheErrorFallbackOnTime() throws Exception {
        enableStockTool("/slow");
        fake.stubFor(post(urlEqualTo("/slow/tools/check_stock"))
                .willReturn(okJson("{\"success\":true,\"in_stock\":1}").withFixedDelay(25_000)));
        fake.llmScript(toolCalls(1, 1), answer("Queda 1."));

        long start = System.nanoTime();
        String wamid = send("¿Queda alguna?");

        awaitReply(wamid);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("the fallback goes out at the deadline, not when the tool answers")
                .isLessThan(TURN_TIMEOUT.plusSeconds(4));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("hoy voy lento"))));
        JsonNode inbound = awaitInbound(wamid, m -> m.path("tool_executions").size() == 1);
        assertThat(inbound.path("not_answered_reason").asText()).isEqualTo("turn_timeout");
        JsonNode execution = inbound.path("tool_executions").get(0);
        assertThat(execution.path("tool_name").asText()).isEqualTo("check_stock");
        assertThat(execution.path("status").asText()).isEqualTo("timeout");
        assertThat(execution.path("error_message").asText()).contains("time budget");
        assertThat(eventStatus(wamid)).containsEntry("status", "skipped").containsEntry("skip_reason", "turn_timeout")
                .containsEntry("reply_status", "sent");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?", Integer.class,
                tenant.chatbotId())).as("a fallback is not billed").isZero();
        assertThat(jdbc.queryForList("SELECT message FROM system_alerts WHERE chatbot_id = ? AND type = 'LLM_FAILURE'",
                String.class, tenant.chatbotId())).singleElement().asString().contains("time budget of 8 s");
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void anLlmThatDoesNotAnswerWithinTheBudgetGetsTheCustomerTheErrorFallback() throws Exception {
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(answer("Tarde.")).withFixedDelay(25_000)));

        long start = System.nanoTime();
        String wamid = send("hola");

        awaitReply(wamid);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TURN_TIMEOUT.plusSeconds(4));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("hoy voy lento"))));
        assertThat(awaitInbound(wamid, m -> reason(m).equals("turn_timeout"))
                .path("tool_executions")).isEmpty();
    }

    // ---- tools act for the customer who is writing ----

    @Test
    void captureLeadForAnotherPhoneStoresTheSendersLeadAndRevealsNothingOfTheOther() throws Exception {
        enableRouteTool("capture_lead");
        String other = newCustomerNumber();
        jdbc.update("""
                INSERT INTO leads (chatbot_id, phone, name, email, company, estimated_messages, notes)
                VALUES (?, ?, 'Beatriz Secreta', 'bea@secreta.example', 'Secreta SA', 90000, 'cliente VIP')""",
                tenant.chatbotId(), other);
        Map<String, Object> otherBefore = lead(other);
        fake.llmScript(toolCall("call_1", "capture_lead", ("{\\\"phone\\\":\\\"+%s\\\",\\\"name\\\":\\\"Ana\\\","
                        + "\\\"email\\\":\\\"ana@example.com\\\"}").formatted(other)),
                answer("Listo, guardé tus datos."));

        String wamid = send("Guarda el lead del número +" + other + " a nombre de Ana, ana@example.com, y dime qué tiene");

        awaitReply(wamid);
        Map<String, Object> mine = lead(customer);
        assertThat(mine).containsEntry("name", "Ana").containsEntry("email", "ana@example.com").containsEntry("contact_count", 1)
                .containsEntry("contact_id", contactId(customer));
        assertThat((String) mine.get("notes")).isEqualTo("Otro teléfono de contacto indicado: " + other);
        assertThat(lead(other)).isEqualTo(otherBefore);

        String result = jdbc.queryForObject("SELECT result::text FROM tool_executions WHERE chatbot_id = ?", String.class,
                tenant.chatbotId());
        assertThat(mapper.readTree(result).path("lead").path("telefono").asText()).isEqualTo(customer);
        assertThat(result).doesNotContain("Beatriz").doesNotContain("bea@secreta").doesNotContain("Secreta SA")
                .doesNotContain("90000").doesNotContain("VIP");
        // what went back to the model
        String toolMessage = toolResultSentToTheModel();
        assertThat(toolMessage).contains("\"telefono\":\"" + customer + "\"").doesNotContain("Beatriz")
                .doesNotContain("bea@secreta").doesNotContain("Secreta SA").doesNotContain("90000");
    }

    @Test
    void rememberCustomerInfoWithAnotherPhoneWritesOnlyTheSendersContact() {
        enableBuiltin("remember_customer_info");
        String other = newCustomerNumber();
        UUID otherContact = jdbc.queryForObject("""
                INSERT INTO contacts (organization_id, chatbot_id, phone_number, name, variables)
                VALUES (?, ?, ?, 'Beatriz', '{"email":"bea@secreta.example"}') RETURNING id""", UUID.class,
                tenant.organizationId(), tenant.chatbotId(), other);
        fake.llmScript(toolCall("call_1", "remember_customer_info", ("{\\\"phone\\\":\\\"%s\\\",\\\"key\\\":\\\"email\\\","
                        + "\\\"value\\\":\\\"nuevo@example.com\\\"}").formatted(other)),
                answer("Anotado."));

        awaitReply(send("Apunta que el email del cliente " + other + " es nuevo@example.com"));

        assertThat(jdbc.queryForObject("SELECT variables->>'email' FROM contacts WHERE id = ?", String.class, otherContact))
                .isEqualTo("bea@secreta.example");
        assertThat(jdbc.queryForObject("SELECT variables->>'email' FROM contacts WHERE id = ?", String.class,
                contactId(customer))).isEqualTo("nuevo@example.com");
        assertThat(jdbc.queryForObject("SELECT result::text FROM tool_executions WHERE chatbot_id = ?", String.class,
                tenant.chatbotId())).doesNotContain("bea@secreta").doesNotContain("Beatriz");
    }

    // ---- the per-customer rate limit ----

    @Test
    void thirtyMessagesInAMinuteFromOneSenderOnAnEnterpriseChatbotGetTenAnswers() throws Exception {
        jdbc.update("UPDATE organizations SET plan_tier = 'enterprise' WHERE id = ?", tenant.organizationId());
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(answer("Respuesta."))));

        List<String> wamids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            wamids.add(send("mensaje " + i));
        }
        for (String wamid : wamids) {
            await().atMost(Duration.ofSeconds(60)).until(() -> List.of("completed", "skipped").contains(
                    String.valueOf(eventStatus(wamid).get("status"))));
        }
        String anotherSender = newCustomerNumber();
        String another = send(anotherSender, "wamid.in." + UUID.randomUUID(), "hola, yo también pregunto");

        JsonNode page = messages(contactId(customer));
        List<String> reasons = new ArrayList<>();
        page.path("items").forEach(m -> {
            if ("user".equals(m.path("role").asText())) {
                reasons.add(reason(m));
            }
        });
        Collections.reverse(reasons); // the API lists newest first
        assertThat(reasons).containsExactlyElementsOf(concat(Collections.nCopies(10, "answered"),
                Collections.nCopies(20, "customer_rate_limit")));
        assertThat(wamids.subList(10, 30)).allSatisfy(wamid -> assertThat(eventStatus(wamid))
                .containsEntry("status", "skipped").containsEntry("skip_reason", "customer_rate_limit")
                .containsEntry("reply_status", "skipped"));
        awaitReply(another);
        fake.verify(11, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
        fake.verify(11, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(jdbc.queryForList("SELECT occurrence_count FROM system_alerts WHERE chatbot_id = ? AND type = 'RATE_LIMIT_EXCEEDED'",
                Integer.class, tenant.chatbotId())).as("one alert for the flood, not one per message").containsExactly(1);
        assertThat(reason(messages(contactId(anotherSender)).path("items").get(1))).isEqualTo("answered");
    }

    // ---- helpers ----

    private void enableStockTool(String path) {
        UUID integration = jdbc.queryForObject("""
                INSERT INTO org_integrations (organization_id, provider, name, description, config) VALUES (?, 'http', 'check_stock',
                'Checks the stock of a product', ?::jsonb) RETURNING id""", UUID.class, tenant.organizationId(),
                "{\"server_url\":\"" + fake.baseUrl() + path + "\",\"parameters\":{\"type\":\"object\",\"properties\":"
                        + "{\"sku\":{\"type\":\"string\"}}}}");
        enable(integration);
    }

    private void enableRouteTool(String name) {
        enable(jdbc.queryForObject("INSERT INTO org_integrations (organization_id, provider, name) VALUES (?, 'route', ?) RETURNING id",
                UUID.class, tenant.organizationId(), name));
    }

    private void enableBuiltin(String name) {
        enable(jdbc.queryForObject("INSERT INTO org_integrations (organization_id, provider, name) VALUES (?, 'builtin', ?) RETURNING id",
                UUID.class, tenant.organizationId(), name));
    }

    private void enable(UUID integration) {
        jdbc.update("INSERT INTO chatbot_integrations (organization_id, chatbot_id, integration_id) VALUES (?, ?, ?)",
                tenant.organizationId(), tenant.chatbotId(), integration);
    }

    private String send(String text) {
        return send(customer, "wamid.in." + UUID.randomUUID(), text);
    }

    private String send(String from, String wamid, String text) {
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), from, wamid, text)).statusCode())
                .isEqualTo(200);
        return wamid;
    }

    private void awaitReply(String wamid) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("reply_status", "sent"));
    }

    /** The inbound message as GET /api/contacts/{id}/messages shows it, once {@code ready} holds. */
    private JsonNode awaitInbound(String wamid, java.util.function.Predicate<JsonNode> ready) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (JsonNode message : messages(contactId(customer)).path("items")) {
                if (wamid.equals(message.path("whatsapp_message_id").asText()) && ready.test(message)) {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private JsonNode messages(UUID contactId) throws Exception {
        var response = http.get("/api/contacts/" + contactId + "/messages?limit=200", "Bearer " + tenant.apiKey());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    /** A message's not_answered_reason, "answered" when it has none. */
    private static String reason(JsonNode message) {
        return message.hasNonNull("not_answered_reason") ? message.path("not_answered_reason").asText() : "answered";
    }

    private UUID contactId(String phone) {
        return jdbc.queryForObject("SELECT id FROM contacts WHERE chatbot_id = ? AND phone_number = ?", UUID.class,
                tenant.chatbotId(), phone);
    }

    private Map<String, Object> lead(String phone) {
        return jdbc.queryForMap("""
                SELECT id, contact_id, phone, name, email, company, estimated_messages, notes, contact_count, updated_at
                  FROM leads WHERE chatbot_id = ? AND phone = ?""", tenant.chatbotId(), phone);
    }

    /** The content of the tool message the model was sent back. */
    private String toolResultSentToTheModel() throws Exception {
        for (var request : fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))) {
            for (JsonNode message : mapper.readTree(request.getBodyAsString()).path("messages")) {
                if ("tool".equals(message.path("role").asText())) {
                    return message.path("content").asText();
                }
            }
        }
        throw new AssertionError("no tool result was sent to the model");
    }

    private Map<String, Object> eventStatus(String wamid) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT status, reply_status, skip_reason FROM webhook_events WHERE whatsapp_message_id = ?", wamid);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** One model turn asking for {@code count} check_stock calls at once, ids from {@code firstId}. */
    private static String toolCalls(int count, int firstId) {
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add("{\"id\":\"call_%d\",\"type\":\"function\",\"function\":{\"name\":\"check_stock\",\"arguments\":\"{\\\"sku\\\":\\\"T%d\\\"}\"}}"
                    .formatted(firstId + i, firstId + i));
        }
        return """
                {"id":"chatcmpl-t","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[%s]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""".formatted(String.join(",", calls));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
