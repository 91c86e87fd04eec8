package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.FakeOutside.Service.GEMINI;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static hub.FakeOutside.answer;
import static hub.FakeOutside.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import hub.conversation.ConversationRepository;
import hub.conversation.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The conversation pipeline through the webhook: real PostgreSQL, the embedded broker, and WireMock
 * as Meta's Graph API and as an OpenAI-compatible LLM.
 */
class ConversationIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI, GEMINI);

    @Autowired
    hub.config.HubProperties hub;
    @Autowired
    ConversationRepository conversations;
    @Autowired
    org.apache.kafka.clients.admin.Admin kafkaAdmin;

    @BeforeEach
    void metaAcceptsReadReceipts() {
        fake.acceptReadReceipts();
    }

    @Test
    void aTextMessageIsAnsweredOnceAndEverythingIsRecorded() {
        fake.llmAnswers("¡Hola! Abrimos a las 9:00.", 100, 20);
        graphAccepts("wamid.out." + UUID.randomUUID());
        String wamid = "wamid.in." + UUID.randomUUID();

        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "¿A qué hora abren?"))
                .statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "completed").containsEntry("reply_status", "sent"));
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("Abrimos a las 9:00")))
                .withRequestBody(matchingJsonPath("$.to", containing(customer))));
        List<Map<String, Object>> messages = jdbc.queryForList(
                "SELECT role, content, whatsapp_message_id, outbound_whatsapp_message_id, delivery_status FROM messages "
                        + "WHERE chatbot_id = ? ORDER BY id", tenant.chatbotId());
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).containsEntry("role", "user").containsEntry("whatsapp_message_id", wamid);
        assertThat(messages.get(1)).containsEntry("role", "assistant").containsEntry("delivery_status", "sent")
                .containsEntry("content", "¡Hola! Abrimos a las 9:00.");
        assertThat(jdbc.queryForMap("SELECT finish_reason, max_iterations_reached FROM messages WHERE chatbot_id = ? AND role = 'assistant'",
                tenant.chatbotId())).containsEntry("finish_reason", "stop").containsEntry("max_iterations_reached", false);
        Map<String, Object> usage = jdbc.queryForMap(
                "SELECT tokens_input, tokens_output, tokens_total, provider, model_name, estimated_cost_usd FROM usage_logs WHERE chatbot_id = ?",
                tenant.chatbotId());
        assertThat(usage).containsEntry("tokens_total", 120).containsEntry("provider", "openai");
        assertThat(usage.get("estimated_cost_usd").toString()).isEqualTo("0.000024"); // 120 tokens × 0.0002 / 1K

        String outbound = (String) messages.get(1).get("outbound_whatsapp_message_id");
        http.postSignedWebhook(status(outbound, "delivered"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?", String.class, outbound))
                .isEqualTo("delivered"));
    }

    @Test
    void withBurstsOffThreeQuickMessagesGetThreeReplies() throws Exception {
        fake.llmAnswers("Claro.", 10, 2);
        graphAccepts("wamid.out." + UUID.randomUUID());
        List<String> wamids = new java.util.ArrayList<>();
        for (String text : List.of("hola", "una pregunta", "cuanto cuesta el plan pro")) {
            wamids.add(send(text));
            Thread.sleep(300);
        }

        wamids.forEach(wamid -> await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "completed").containsEntry("reply_status", "sent")));
        fake.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        fake.verify(3, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
        assertThat(count("SELECT count(*) FROM messages WHERE chatbot_id = ? AND answered_by_message_id IS NOT NULL")).isZero();
    }

    @Test
    void aCustomerKnownOnlyByAUsernameIsAnsweredAtTheirBusinessScopedUserId() {
        String bsuid = "CO.1047385771169864";
        fake.llmAnswers("¡Hola! Abrimos a las 9.", 10, 5);
        graphAccepts("wamid.out");
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Vale"},"user_id":"%s","username":"vale.mx"}],
                "messages":[{"from_user_id":"%s","id":"%s","timestamp":"1764000000","type":"text","text":{"body":"¿A qué hora abren?"}}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), bsuid, bsuid, wamid)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(wamid)).containsEntry("reply_status", "sent"));
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .withRequestBody(matchingJsonPath("$.text.body", containing("Abrimos"))));
        Map<String, Object> contact = jdbc.queryForMap("SELECT id, phone_number FROM contacts WHERE chatbot_id = ?", tenant.chatbotId());
        assertThat(contact).as("the contact keeps the id as it came").containsEntry("phone_number", bsuid);

        var sent = api.post("/api/contacts/" + contact.get("id") + "/messages",
                Map.of("text", "Soy Ana, del equipo."));
        assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 201);
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.recipient", equalTo(bsuid)))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Soy Ana, del equipo."))));
        fake.verify(0, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.to")));
    }

    @Test
    void offsetsAreCommittedOnceMessagesAreFinished() throws Exception {
        fake.llmAnswers("Hecho.", 10, 5);
        graphAccepts("wamid.out." + UUID.randomUUID());
        String wamid = send("¿Me confirmás?");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(wamid)).containsEntry("status", "completed"));

        // a restart resumes after what was finished instead of replaying the topic
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var partitions = kafkaAdmin.describeTopics(List.of("whatsapp.inbound")).allTopicNames().get()
                    .get("whatsapp.inbound").partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition("whatsapp.inbound", p.partition())).toList();
            var ends = kafkaAdmin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(
                    p -> p, p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
            var committed = kafkaAdmin.listConsumerGroupOffsets("hub-conversation").partitionsToOffsetAndMetadata().get();
            for (var partition : partitions) {
                long end = ends.get(partition).offset();
                var offset = committed.get(partition);
                assertThat(offset == null ? 0 : offset.offset()).as("committed offset of " + partition).isEqualTo(end);
            }
        });
    }

    @Test
    void theSameWebhookThreeTimesConcurrentlyAndAgainLaterGetsOneReply() {
        fake.llmAnswers("Claro, te ayudo.", 50, 10);
        graphAccepts("wamid.out." + UUID.randomUUID());
        String wamid = "wamid.in." + UUID.randomUUID();
        String body = HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "Necesito ayuda");

        CompletableFuture.allOf(IntStream.range(0, 3).mapToObj(i -> CompletableFuture.runAsync(() ->
                assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200))).toArray(CompletableFuture[]::new)).join();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "completed"));
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?")).isEqualTo(1));

        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.text.body")));
        assertThat(count("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'user'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'assistant'")).isEqualTo(1);
    }

    @Test
    void llmFailuresAnswerWithTheChatbotsFallbackTextsAndReachTheOwnerInSlackWhenAsked() {
        jdbc.update("UPDATE chatbots SET fallback_message_error = 'Error técnico, vuelve pronto', "
                + "fallback_message_limit = 'Límite alcanzado' WHERE id = ?", tenant.chatbotId());
        // the owner's Slack, without alerts for now
        jdbc.update("UPDATE organizations SET notification_method = 'slack', slack_webhook_url = ?, notify_alerts = false WHERE id = ?",
                fake.baseUrl() + "/slack/owner", tenant.organizationId());
        fake.stubFor(post(urlEqualTo("/slack/owner")).willReturn(aResponse().withStatus(200).withBody("ok")));
        graphAccepts("wamid.out." + UUID.randomUUID());
        // a NUL byte in the provider's error (which the error text quotes) is not stored: PostgreSQL would refuse the record
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"boom\u0000\",\"type\":\"server_error\"}}")));

        String first = "wamid.in." + UUID.randomUUID();
        http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, first, "hola"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(first)).containsEntry("status", "completed"));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text.body", containing("Error técnico"))));
        // the alert is recorded once the turn is complete
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM system_alerts WHERE chatbot_id = ? AND type = 'LLM_FAILURE'")).isEqualTo(1));
        assertThat(count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?")).as("a fallback is not billed").isZero();
        assertThat(jdbc.queryForObject("SELECT message FROM system_alerts WHERE chatbot_id = ? AND type = 'LLM_FAILURE'",
                String.class, tenant.chatbotId())).contains("boom").doesNotContain("\u0000");
        assertThat(jdbc.queryForMap("SELECT reason, metadata->>'detail' AS detail FROM system_alerts WHERE chatbot_id = ? AND type = 'LLM_FAILURE'",
                tenant.chatbotId())).as("the provider's words, for the console to show under its own text")
                .containsEntry("reason", "llm_failed").hasEntrySatisfying("detail", detail -> assertThat((String) detail).contains("boom"));
        assertThat(count("SELECT count(*) FROM webhook_events WHERE chatbot_id = ? AND attempts > 1")).as("no attempt failed").isZero();
        fake.verify(0, postRequestedFor(urlEqualTo("/slack/owner")));

        assertThat(api.put("/api/organization/notifications", Map.of("method", "slack", "alerts", true)).statusCode()).isEqualTo(200);
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")));
        String second = "wamid.in." + UUID.randomUUID();
        http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, second, "hola otra vez"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(second)).containsEntry("status", "completed"));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text.body", containing("Límite alcanzado"))));
        // the alert in the chatbot's language (Spanish), the provider's own words under it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> fake.verify(1, postRequestedFor(urlEqualTo("/slack/owner"))
                .withRequestBody(matchingJsonPath("$.attachments[0].title", equalTo("Falló el modelo de IA")))
                .withRequestBody(matchingJsonPath("$.attachments[0].text", containing("Se alcanzó el límite del proveedor de IA (openai")))
                .withRequestBody(matchingJsonPath("$.attachments[0].text", containing("Rate limit reached")))));
    }

    @Test
    void theGraphApiFailingTwiceThenAcceptingDeliversOneReply() {
        fake.llmAnswers("Respuesta", 10, 5);
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .inScenario("flaky").whenScenarioStateIs("failed once").willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed twice"));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.flaky\"}]}")));
        String wamid = "wamid.in." + UUID.randomUUID();

        http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "hola"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "completed").containsEntry("reply_status", "sent"));
        assertThat(count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages WHERE chatbot_id = ? AND outbound_whatsapp_message_id = 'wamid.flaky'")).isEqualTo(1);
    }

    @Test
    void aGraphApiThatAlwaysFailsBillsNothingAndRaisesAnAlert() {
        fake.llmAnswers("Respuesta", 10, 5);
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(aResponse().withStatus(503)));
        String wamid = "wamid.in." + UUID.randomUUID();

        http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "hola"));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "failed").containsEntry("reply_status", "failed")
                        .containsEntry("skip_reason", "delivery_failed"));
        assertThat(jdbc.queryForObject("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, wamid))
                .isEqualTo("delivery_failed");
        assertThat(count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?")).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM system_alerts WHERE chatbot_id = ? AND type = 'DELIVERY_FAILURE'")).isEqualTo(1));
    }

    @Test
    void messagesTheAgentDoesNotAnswerAreStoredWithTheirReason() {
        fake.llmAnswers("Respuesta", 10, 5);
        graphAccepts("wamid.out." + UUID.randomUUID());
        jdbc.update("UPDATE organizations SET plan_tier = 'free' WHERE id = ?", tenant.organizationId());

        String tooLong = send("x".repeat(2001));
        String sticker = sendRaw("""
                {"from":"%s","id":"%s","timestamp":"1764000000","type":"sticker","sticker":{"id":"1","mime_type":"image/webp"}}""");
        awaitReason(tooLong, "too_long");
        awaitReason(sticker, "unsupported_type");
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("solo puedo leer mensajes de texto"))));

        // 20 answered in the hour on the free tier, the 21st is not (from 21 customers, each within its own limit;
        // their conversations run in parallel, so the 21st is sent once the others are answered)
        List<String> twenty = IntStream.range(0, 20).mapToObj(i -> sendAs(customer + i, "pregunta " + i)).toList();
        twenty.forEach(wamid -> await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "completed")));
        String twentyFirst = sendAs(customer + 20, "pregunta 21");
        awaitReason(twentyFirst, "rate_limited");
        // the alert is recorded after the turn
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("SELECT count(*) FROM system_alerts WHERE chatbot_id = ? AND type = 'RATE_LIMIT_EXCEEDED'")).isEqualTo(1));

        jdbc.update("UPDATE contacts SET conversation_mode = 'manual' WHERE chatbot_id = ?", tenant.chatbotId());
        awaitReason(send("quiero hablar con una persona"), "manual_mode");
    }

    @Test
    void overQuotaTheChatbotsLimitMessageIsSentNotBilledAndAlertedOnce() {
        jdbc.update("UPDATE organizations SET message_limit_monthly = 0 WHERE id = ?", tenant.organizationId());
        jdbc.update("UPDATE chatbots SET fallback_message_limit = 'Hemos alcanzado el límite del mes' WHERE id = ?", tenant.chatbotId());
        graphAccepts("wamid.out." + UUID.randomUUID());

        awaitReason(send("hola"), "quota_exceeded");
        awaitReason(send("hola de nuevo"), "quota_exceeded");

        fake.verify(2, postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("límite del mes"))));
        assertThat(count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?")).isZero();
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void theAgentSearchesTheKnowledgeBaseCallsAnHttpToolAndAnswers() {
        graphAccepts("wamid.out");
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", tenant.chatbotId());
        tenants.addKnowledge(tenant, "Catálogo", "Las zapatillas modelo A1 cuestan 59 euros.");
        addStockTool(fake.baseUrl() + "/stock");
        fake.stubFor(post(urlEqualTo("/stock/tools/check_stock"))
                .willReturn(okJson("{\"success\":true,\"sku\":\"A1\",\"in_stock\":3}")));
        fake.llmScript(toolCall("call_1", "search_knowledge_base", "{\\\"query\\\":\\\"zapatillas A1\\\"}", 100, 10),
                toolCall("call_2", "check_stock", "{\\\"sku\\\":\\\"A1\\\"}", 150, 12),
                answer("Las A1 cuestan 59 euros y quedan 3.", 200, 20));

        String wamid = send("¿Cuánto cuestan las A1 y hay stock?");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(wamid)).containsEntry("reply_status", "sent"));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("quedan 3"))));
        fake.verify(postRequestedFor(urlEqualTo("/stock/tools/check_stock"))
                .withRequestBody(matchingJsonPath("$.sku", containing("A1")))
                .withRequestBody(matchingJsonPath("$.chatbot_id", containing(tenant.chatbotId().toString()))));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("59 euros"))
                .withRequestBody(containing("relevance")).withRequestBody(containing("metadata")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT tool_name || ':' || tool_type || ':' || status FROM tool_executions WHERE chatbot_id = ? ORDER BY id",
                String.class, tenant.chatbotId())).containsExactly("search_knowledge_base:builtin:success", "check_stock:http:success"));
        assertThat(jdbc.queryForMap("SELECT llm_calls, tool_calls, tokens_total FROM usage_logs WHERE chatbot_id = ?", tenant.chatbotId()))
                .containsEntry("llm_calls", 3).containsEntry("tool_calls", 2).containsEntry("tokens_total", 492);
    }

    @Test
    void aGeminiChatbotSearchesItsKnowledgeWithAFunctionCallAndAnswers() {
        graphAccepts("wamid.out");
        jdbc.update("UPDATE chatbots SET model_name = 'gemini-3-flash-preview', rag_enabled = true WHERE id = ?", tenant.chatbotId());
        tenants.addKnowledge(tenant, "Envíos", "Los envíos a Canarias tardan 5 días laborables.");
        String path = "/v1beta/models/gemini-3-flash-preview:generateContent";
        fake.stubFor(post(urlEqualTo(path)).inScenario("gemini").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"search_knowledge_base",
                         "args":{"query":"envíos Canarias"}}}]},"finishReason":"STOP","index":0}],
                         "usageMetadata":{"promptTokenCount":90,"candidatesTokenCount":12,"totalTokenCount":102}}"""))
                .willSetStateTo("searched"));
        fake.stubFor(post(urlEqualTo(path)).inScenario("gemini").whenScenarioStateIs("searched")
                .willReturn(okJson("""
                        {"candidates":[{"content":{"role":"model","parts":[{"text":"Tarda 5 días laborables."}]},
                         "finishReason":"STOP","index":0}],
                         "usageMetadata":{"promptTokenCount":140,"candidatesTokenCount":8,"totalTokenCount":148}}""")));

        String wamid = send("¿Cuánto tarda un envío a Canarias?");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(wamid)).containsEntry("reply_status", "sent"));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("5 días laborables"))));
        fake.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(containing("Canarias tardan 5")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForMap(
                "SELECT provider, llm_calls, tokens_total FROM usage_logs WHERE chatbot_id = ?", tenant.chatbotId()))
                .containsEntry("provider", "gemini").containsEntry("llm_calls", 2).containsEntry("tokens_total", 250));
    }

    @Test
    void anLlmThatOnlyEverCallsToolsIsStoppedAfterFiveCalls() {
        graphAccepts("wamid.out");
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", tenant.chatbotId());
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(
                toolCall("call_x", "search_knowledge_base", "{\\\"query\\\":\\\"x\\\"}", 10, 5))));

        String wamid = send("pregunta difícil");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventStatus(wamid)).containsEntry("reply_status", "sent"));
        fake.verify(5, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("reformular tu pregunta"))));
        assertThat(jdbc.queryForMap("SELECT finish_reason, max_iterations_reached FROM messages WHERE chatbot_id = ? AND role = 'assistant'",
                tenant.chatbotId())).containsEntry("finish_reason", "tool_calls").containsEntry("max_iterations_reached", true);
    }

    @Test
    void aMessageClaimedByARunThatDiedIsAnsweredOnceAfterTheRestart() throws Exception {
        fake.llmAnswers("Respuesta tras reinicio", 10, 5);
        graphAccepts("wamid.out");
        String wamid = "wamid.in." + UUID.randomUUID();
        String instance = java.net.InetAddress.getLocalHost().getHostName();
        // the earlier run claimed the message (5-minute lease) and died before sending
        conversations.claim(new hub.conversation.InboundMessage(wamid, tenant.phoneNumberId(), customer, null, null, null, "text",
                "¿Seguís ahí?", null, null), customer, instance + ":run-that-died", Duration.ofMinutes(5), 3);

        send(wamid, "¿Seguís ahí?");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "processing"));
        fake.verify(0, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));

        new Worker("", conversations, hub); // what the restarted instance does on start
        send(wamid, "¿Seguís ahí?");    // the redelivery

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(eventStatus(wamid)).containsEntry("status", "completed").containsEntry("reply_status", "sent"));
        send(wamid, "¿Seguís ahí?");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                fake.verify(1, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))));
    }

    private String send(String text) {
        return send("wamid.in." + UUID.randomUUID(), text);
    }

    private String send(String wamid, String text) {
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode())
                .isEqualTo(200);
        return wamid;
    }

    private String sendAs(String from, String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), from, wamid, text)).statusCode())
                .isEqualTo(200);
        return wamid;
    }

    private void awaitReason(String wamid, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?",
                    String.class, wamid)).containsExactly(reason);
            assertThat(eventStatus(wamid)).containsEntry("status", "skipped").containsEntry("skip_reason", reason);
        });
    }

    /** Meta accepting every send, each with a new outbound wamid starting with {@code prefix}. */
    private void graphAccepts(String prefix) {
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\"" + prefix + ".{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
    }

    private String status(String outboundWamid, String status) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"1764000100","recipient_id":"%s"}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), outboundWamid, status, customer);
    }

    private Map<String, Object> eventStatus(String wamid) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT status, reply_status, skip_reason FROM webhook_events WHERE whatsapp_message_id = ?", wamid);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class, tenant.chatbotId());
    }
}
