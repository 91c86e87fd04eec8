package tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.FakeOutside.answer;
import static hub.FakeOutside.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.FakeOutside.Service;
import hub.HubHttp;
import hub.Tenants.Tenant;
import hub.alerts.Alert;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agent tools through the signed webhook: YAML route tools (the seed's business tools), the built-in
 * remember_customer_info, an HTTP tool server and an MCP server running in the test, the circuit breaker,
 * and the admin API that sets them up. WireMock plays Meta's Graph API, the LLM (OpenAI and Gemini
 * formats), Slack and the HTTP tool server; PostgreSQL and Kafka are real.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its own WireMock: no later test class reuses this context
class AgentToolsIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(Service.GRAPH_API, Service.OPENAI, Service.GEMINI);
    static final McpTestServer mcp;
    static final String GEMINI = "/v1beta/models/gemini-3-flash-preview:generateContent";

    static {
        try {
            mcp = new McpTestServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void tools(DynamicPropertyRegistry registry) {
        registry.add("hub.tools.timeout", () -> "2s");
        registry.add("hub.tools.max-result-chars", () -> "3000");
    }

    @AfterAll
    static void stop() {
        mcp.close();
    }

    final ObjectMapper mapper = new ObjectMapper();
    @Autowired
    ProducerTemplate camel;

    @BeforeEach
    void metaAccepts() {
        fake.acceptMessages();
    }

    // ---- route tools: the seed's business tools ----

    @Test
    void aPricingQuestionGetsTheFormulasTotalThroughCalculatePricing() throws Exception {
        UUID integration = createIntegration(tenant, Map.of("provider", "route", "name", "calculate_pricing"));
        enable(tenant, integration);
        // the model's final answer quotes the total it read in the tool result it was sent
        fake.llmScriptOfTemplates(toolCall("call_1", "calculate_pricing", "{\\\"message_volume\\\":3000,\\\"tier\\\":\\\"basic\\\"}"),
                "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"{{regexExtract request.body 'costo_total[^$]+([$][0-9.,]+)' 'parts'}}"
                        + "El plan Básico con 3000 mensajes cuesta {{parts.0}} MXN al mes.\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}");

        String wamid = send("¿Cuánto me costarían 3000 mensajes al mes en el plan básico?");

        awaitReplied(wamid);
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("cuesta $899.00 MXN al mes"))));
        // the tool was offered with the parameters declared next to its YAML route
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("calculate_pricing")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.parameters.required[0]", equalTo("message_volume"))));
        awaitExecutions("calculate_pricing:route:success");
        Map<String, Object> execution = jdbc.queryForMap(
                "SELECT arguments::text AS arguments, result->>'costo_total' AS total, result->>'detalles' AS details, integration_id "
                        + "FROM tool_executions WHERE chatbot_id = ?", tenant.chatbotId());
        assertThat(mapper.readTree((String) execution.get("arguments")))
                .isEqualTo(mapper.readTree("{\"message_volume\":3000,\"tier\":\"basic\"}"));
        assertThat(execution).containsEntry("total", "$899.00 MXN/mes").containsEntry("integration_id", integration)
                .containsEntry("details", "Incluye 1,000 mensajes. 2,000 mensajes adicionales a $0.3 MXN cada uno.");

        // the admin API runs the same tool with other arguments
        JsonNode tested = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/calculate_pricing/test",
                "{\"message_volume\":7777,\"tier\":\"professional\"}"), 200);
        assertThat(tested.path("status").asText()).isEqualTo("success");
        assertThat(tested.path("result").path("costo_total").asText()).isEqualTo("$1,354.40 MXN/mes");
        JsonNode refused = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/calculate_pricing/test",
                "{\"message_volume\":100,\"tier\":\"gold\"}"), 200);
        assertThat(refused.path("status").asText()).isEqualTo("failed");
        assertThat(refused.path("error").asText()).startsWith("Plan no válido");
    }

    @Test
    void aGeminiChatbotQuotesTheTotalOfCalculatePricingToo() {
        jdbc.update("UPDATE chatbots SET model_name = 'gemini-3-flash-preview' WHERE id = ?", tenant.chatbotId());
        enable(tenant, createIntegration(tenant, Map.of("provider", "route", "name", "calculate_pricing")));
        fake.stubFor(post(urlEqualTo(GEMINI)).inScenario("gemini").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(geminiCall("calculate_pricing", "{\"message_volume\":25000,\"tier\":\"enterprise\"}")))
                .willSetStateTo("priced"));
        fake.stubFor(post(urlEqualTo(GEMINI)).inScenario("gemini").whenScenarioStateIs("priced")
                .willReturn(okJson(geminiText("{{regexExtract request.body 'costo_total[^$]+([$][0-9.,]+)' 'parts'}}"
                        + "Con 25000 mensajes el plan Empresarial sale en {{parts.0}} MXN al mes."))
                        .withTransformers("response-template")));

        awaitReplied(send("¿Y 25 mil mensajes en el plan empresarial?"));

        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("sale en $2,749.00 MXN al mes"))));
        fake.verify(postRequestedFor(urlEqualTo(GEMINI))
                .withRequestBody(matchingJsonPath("$.tools.functionDeclarations[0].name", equalTo("calculate_pricing"))));
        awaitExecutions("calculate_pricing:route:success");
    }

    @Test
    void aLeadCapturedTwiceIsOneLeadCountedTwiceAndAnotherTenantsLeadIsUntouched() {
        jdbc.update("UPDATE chatbots SET model_name = 'gemini-3-flash-preview' WHERE id = ?", tenant.chatbotId());
        enable(tenant, createIntegration(tenant, Map.of("provider", "route", "name", "capture_lead")));
        Tenant other = tenants.create("Other " + UUID.randomUUID());
        jdbc.update("INSERT INTO leads (chatbot_id, phone, name, email) VALUES (?, ?, 'Otra persona', 'otra@example.com')",
                other.chatbotId(), customer);
        geminiScript(
                geminiCall("capture_lead", "{\"name\":\"Ana López\",\"email\":\"ana@example.com\",\"estimated_messages\":3000}"),
                geminiText("¡Gracias Ana! Un representante te contactará."),
                geminiCall("capture_lead", "{\"phone\":\"+" + customer + "\",\"company\":\"Acme\"}"),
                geminiText("Listo, actualicé tus datos."));

        awaitReplied(send("Me interesa, soy Ana López, ana@example.com, unos 3000 mensajes"));
        awaitReplied(send("Mi empresa es Acme"));

        awaitExecutions("capture_lead:route:success", "capture_lead:route:success");
        assertThat(jdbc.queryForList("SELECT name, email, company, estimated_messages, contact_count, phone FROM leads "
                + "WHERE chatbot_id = ?", tenant.chatbotId())).singleElement().satisfies(lead -> assertThat(lead)
                .containsEntry("name", "Ana López").containsEntry("email", "ana@example.com").containsEntry("company", "Acme")
                .containsEntry("estimated_messages", 3000).containsEntry("contact_count", 2).containsEntry("phone", customer));
        assertThat(jdbc.queryForMap("SELECT name, email, company, contact_count FROM leads WHERE chatbot_id = ?", other.chatbotId()))
                .containsEntry("name", "Otra persona").containsEntry("email", "otra@example.com")
                .containsEntry("contact_count", 1).containsEntry("company", null);
        // the model was told the lead was updated the second time
        fake.verify(postRequestedFor(urlEqualTo(GEMINI)).withRequestBody(containing("interactuado 2 veces")));
        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", containing("actualicé tus datos"))));

        // concurrent captures of one phone still make one lead, each counted
        String phone = "5215550001111";
        java.util.concurrent.CompletableFuture.allOf(java.util.stream.IntStream.range(0, 8).mapToObj(i ->
                java.util.concurrent.CompletableFuture.runAsync(() -> assertThat(json(call(tenant, "POST",
                        "/api/chatbots/" + tenant.chatbotId() + "/tools/capture_lead/test",
                        "{\"phone\":\"" + phone + "\",\"notes\":\"intento " + i + "\"}"), 200).path("status").asText())
                        .isEqualTo("success"))).toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        assertThat(jdbc.queryForList("SELECT contact_count FROM leads WHERE chatbot_id = ? AND phone = ?", Integer.class,
                tenant.chatbotId(), phone)).containsExactly(8);
    }

    @Test
    void getLeadTellsTheAgentWhatWasSavedAboutTheWritingCustomerOnly() {
        jdbc.update("UPDATE chatbots SET model_name = 'gemini-3-flash-preview' WHERE id = ?", tenant.chatbotId());
        enable(tenant, createIntegration(tenant, Map.of("provider", "route", "name", "get_lead")));
        jdbc.update("INSERT INTO leads (chatbot_id, phone, name, email, company, contact_count) VALUES (?, ?, 'Ana López', "
                + "'ana@example.com', 'Acme', 2)", tenant.chatbotId(), customer);
        jdbc.update("INSERT INTO leads (chatbot_id, phone, name) VALUES (?, '5215550002222', 'Otra persona')", tenant.chatbotId());
        geminiScript(geminiCall("get_lead", "{\"phone\":\"5215550002222\"}"), geminiText("¡Hola de nuevo, Ana!"));

        awaitReplied(send("Hola, ¿se acuerdan de mí?"));

        awaitExecutions("get_lead:route:success");
        fake.verify(postRequestedFor(urlEqualTo(GEMINI)).withRequestBody(containing("\\\"found\\\":true"))
                .withRequestBody(containing("Ana López")).withRequestBody(containing("\\\"veces_contactado\\\":2"))
                .withRequestBody(containing("primer_contacto")));
        fake.verify(0, postRequestedFor(urlEqualTo(GEMINI)).withRequestBody(containing("Otra persona")));

        JsonNode missing = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/get_lead/test",
                "{\"phone\":\"+52 1 555 000 9999\"}"), 200);
        assertThat(missing.path("result").path("found").asBoolean(true)).isFalse();
        assertThat(missing.path("result").path("mensaje").asText()).isEqualTo("No se encontró información de este contacto");
        JsonNode other = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/get_lead/test",
                "{\"phone\":\"+52 1 555 000 2222\"}"), 200);
        assertThat(other.path("result").path("lead").path("nombre").asText()).isEqualTo("Otra persona");
    }

    @Test
    void contactOwnerPostsToTheOrganisationsSlackAndFailsCleanlyWithoutAnOwner() {
        enable(tenant, createIntegration(tenant, Map.of("provider", "route", "name", "contact_owner")));
        jdbc.update("UPDATE organizations SET notification_method = 'slack', slack_webhook_url = ? WHERE id = ?",
                fake.baseUrl() + "/slack/T000/B000", tenant.organizationId());
        jdbc.update("INSERT INTO users (organization_id, email, full_name, role) VALUES (?, ?, 'Olga Owner', 'owner')",
                tenant.organizationId(), "owner-" + UUID.randomUUID() + "@example.com");
        fake.stubFor(post(urlEqualTo("/slack/T000/B000")).willReturn(aResponse().withStatus(200).withBody("ok")));
        fake.llmScriptOfTemplates(
                toolCall("call_1", "contact_owner", "{\\\"message\\\":\\\"El cliente quiere hablar con una persona\\\",\\\"urgency\\\":\\\"high\\\"}"),
                answer("Le avisé al responsable, te contactará pronto."),
                toolCall("call_2", "contact_owner", "{\\\"message\\\":\\\"Otra vez quiere hablar con alguien\\\"}"),
                answer("Por ahora no puedo avisar a nadie, pero sigo aquí para ayudarte."));

        awaitReplied(send("Quiero hablar con una persona"));
        fake.verify(1, postRequestedFor(urlEqualTo("/slack/T000/B000"))
                .withRequestBody(matchingJsonPath("$.text", containing("Notification from")))
                .withRequestBody(matchingJsonPath("$.attachments[0].text", equalTo("El cliente quiere hablar con una persona")))
                .withRequestBody(matchingJsonPath("$.attachments[0].color", equalTo("danger")))
                .withRequestBody(matchingJsonPath("$.attachments[0].fields[2].value", containing(customer))));

        jdbc.update("DELETE FROM users WHERE organization_id = ?", tenant.organizationId());
        awaitReplied(send("¿Me pueden llamar?"));

        awaitExecutions("contact_owner:route:success", "contact_owner:route:failed");
        assertThat(jdbc.queryForObject("SELECT error_message FROM tool_executions WHERE chatbot_id = ? AND status = 'failed'",
                String.class, tenant.chatbotId())).contains("no owner to notify");
        fake.verify(1, postRequestedFor(urlEqualTo("/slack/T000/B000")));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("no owner to notify")));

        // WhatsApp without the owner's number is reported, never pretended
        jdbc.update("INSERT INTO users (organization_id, email, full_name, role) VALUES (?, ?, 'Olga Owner', 'owner')",
                tenant.organizationId(), "owner-" + UUID.randomUUID() + "@example.com");
        jdbc.update("UPDATE organizations SET notification_method = 'whatsapp' WHERE id = ?", tenant.organizationId());
        JsonNode whatsapp = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/contact_owner/test",
                "{\"message\":\"hola\"}"), 200);
        assertThat(whatsapp.path("status").asText()).isEqualTo("failed");
        assertThat(whatsapp.path("result").path("notification_sent").asBoolean()).isFalse();
        assertThat(whatsapp.path("error").asText()).contains("no WhatsApp number to notify");
        fake.verify(1, postRequestedFor(urlEqualTo("/slack/T000/B000")));
    }

    @Test
    void contactOwnerReachesTheOwnerOnWhatsAppAsTheirTemplateOrSaysWhyWhatsAppRefused() {
        enable(tenant, createIntegration(tenant, Map.of("provider", "route", "name", "contact_owner")));
        jdbc.update("INSERT INTO users (organization_id, email, full_name, role) VALUES (?, ?, 'Olga Owner', 'owner')",
                tenant.organizationId(), "owner-" + UUID.randomUUID() + "@example.com");
        String settings = "/api/organization/notifications";
        assertThat(json(call(tenant, "PUT", settings, "{\"method\":\"whatsapp\"}"), 400).at("/error/message").asText())
                .contains("whatsapp_to");
        assertThat(json(call(tenant, "PUT", settings, "{\"method\":\"whatsapp\",\"whatsapp_to\":\"call me\"}"), 400)
                .at("/error/code").asText()).isEqualTo("invalid_field");
        assertThat(json(call(tenant, "PUT", settings, "{\"method\":\"whatsapp\",\"whatsapp_to\":\"+5215599990000\","
                + "\"whatsapp_template\":\"owner_alert\"}"), 400).at("/error/message").asText()).contains("whatsapp_template_language");
        JsonNode saved = json(call(tenant, "PUT", settings, "{\"method\":\"whatsapp\",\"whatsapp_to\":\"+5215599990000\","
                + "\"whatsapp_template\":\"owner_alert\",\"whatsapp_template_language\":\"es_MX\"}"), 200);
        assertThat(saved.get("whatsapp_to").asText()).isEqualTo("5215599990000");
        fake.acceptMessagesOfEveryType();

        // the approved template, from the chatbot's number, the notice as its one parameter on one line
        JsonNode notified = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/contact_owner/test",
                "{\"message\":\"Ana quiere hablar\\ncon una persona\",\"urgency\":\"high\"}"), 200);
        assertThat(notified.path("status").asText()).as(notified.toString()).isEqualTo("success");
        fake.verify(1, postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("5215599990000")))
                .withRequestBody(matchingJsonPath("$.template.name", equalTo("owner_alert")))
                .withRequestBody(matchingJsonPath("$.template.language.code", equalTo("es_MX")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text",
                        containing("Ana quiere hablar · con una persona")))
                .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text", notContaining("\n"))));

        // the organisation's alerts too, once the owner asks for them
        json(call(tenant, "PUT", settings, "{\"method\":\"whatsapp\",\"alerts\":true}"), 200);
        camel.sendBody("direct:alert", new Alert(tenant.organizationId(), tenant.chatbotId(), Alert.Reason.QUOTA_WARNING,
                Alert.Severity.WARNING, "Quota nearly used up", Map.of("messages_used", 812, "message_limit", 1000,
                "tokens_used", 40_210, "token_limit", 2_000_000), "quota-warning:" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> fake.verify(1,
                postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                        .withRequestBody(matchingJsonPath("$.template.components[0].parameters[0].text", containing("812")))));

        // without a template, text; more than 24 hours after the owner last wrote, WhatsApp refuses it and the agent
        // and the owner's test are told why
        json(call(tenant, "PUT", settings, "{\"method\":\"whatsapp\",\"whatsapp_template\":null,"
                + "\"whatsapp_template_language\":null}"), 200);
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"type\":\"OAuthException\","
                                + "\"code\":131047,\"error_data\":{\"details\":\"Message failed to send because more than 24 hours "
                                + "have passed since the customer last replied to this number.\"}}}")));
        JsonNode refused = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/contact_owner/test",
                "{\"message\":\"hola\"}"), 200);
        assertThat(refused.path("status").asText()).isEqualTo("failed");
        assertThat(refused.path("error").asText()).contains("name an approved template", "131047");
        JsonNode test = json(call(tenant, "POST", settings + "/test", null), 422);
        assertThat(test.at("/error/code").asText()).isEqualTo("whatsapp_window_closed");
        assertThat(test.at("/error/message").asText()).contains("name an approved template");
    }

    // ---- built-in remember_customer_info ----

    @Test
    void aFactTheCustomerToldIsInTheNextMessagesPrompt() {
        enable(tenant, createIntegration(tenant, Map.of("provider", "builtin", "name", "remember_customer_info")));
        fake.llmScriptOfTemplates(
                toolCall("call_1", "remember_customer_info", "{\\\"key\\\":\\\"email\\\",\\\"value\\\":\\\"ana@example.com\\\"}"),
                answer("Anotado."),
                answer("Claro, te escribo a tu correo."));

        awaitReplied(send("Mi correo es ana@example.com"));
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("Known Info")));
        awaitReplied(send("¿Me mandas la cotización?"));

        assertThat(jdbc.queryForObject("SELECT variables->>'email' FROM contacts WHERE chatbot_id = ?", String.class,
                tenant.chatbotId())).isEqualTo("ana@example.com");
        fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("Known Info: {\"email\": \"ana@example.com\"}")))
                .withRequestBody(containing("¿Me mandas la cotización?")));
    }

    // ---- HTTP tool servers ----

    @Test
    void anHttpToolServerIsDiscoveredAndCalledWithItsCredentialsAndItsTimeoutIsToldToTheLlm() throws Exception {
        fake.stubFor(get(urlEqualTo("/crm/tools")).withHeader("Authorization", equalTo("Bearer crm-secret"))
                .willReturn(okJson("""
                        {"tools":[{"name":"lookup_customer","description":"Finds a customer in the CRM",
                          "input_schema":{"type":"object","properties":{"email":{"type":"string"}},"required":["email"]}},
                         {"name":"slow_report","description":"Builds a report","input_schema":{"type":"object","properties":{}}},
                         {"name":"create_ticket","description":"Opens a support ticket","input_schema":{"type":"object",
                          "properties":{"subject":{"type":"string"}}}},
                         {"name":"export_history","description":"Every order of the customer"}]}""")));
        fake.stubFor(post(urlEqualTo("/crm/tools/export_history"))
                .willReturn(okJson("{\"success\":true,\"orders\":\"" + "order;".repeat(1000) + "\"}")));
        fake.stubFor(post(urlEqualTo("/crm/tools/lookup_customer"))
                .willReturn(okJson("{\"success\":true,\"customer\":{\"plan\":\"gold\",\"since\":2021}}")));
        fake.stubFor(post(urlEqualTo("/crm/tools/slow_report")).willReturn(okJson("{\"success\":true}").withFixedDelay(3500)));
        fake.stubFor(post(urlEqualTo("/crm/tools/create_ticket"))
                .willReturn(okJson("{\"success\":false,\"message\":\"The ticket system is closed\"}")));
        UUID integration = createIntegration(tenant, Map.of("provider", "http", "name", "CRM",
                "config", Map.of("server_url", fake.baseUrl() + "/crm"), "credentials", Map.of("bearer_token", "crm-secret")));

        JsonNode imported = json(call(tenant, "POST", "/api/integrations/" + integration + "/import", ""), 200);
        assertThat(imported.path("imported").asInt()).isEqualTo(4);
        enable(tenant, integration);
        JsonNode listed = json(call(tenant, "GET", "/api/chatbots/" + tenant.chatbotId() + "/tools", null), 200);
        assertThat(listed.path("items").toString()).contains("lookup_customer", "slow_report", "create_ticket");
        String integrations = call(tenant, "GET", "/api/integrations", null).body();
        assertThat(integrations).contains("\"has_credentials\":true").doesNotContain("crm-secret");
        assertThat(jdbc.queryForObject("SELECT credentials_encrypted FROM org_integrations WHERE id = ?", String.class, integration))
                .startsWith("v1:").doesNotContain("crm-secret");

        fake.llmScriptOfTemplates(
                toolCall("call_1", "lookup_customer", "{\\\"email\\\":\\\"ana@example.com\\\"}"),
                toolCall("call_2", "slow_report", "{}"),
                toolCall("call_3", "create_ticket", "{\\\"subject\\\":\\\"Factura\\\"}"),
                toolCall("call_4", "export_history", "{}"),
                answer("Eres cliente gold desde 2021; el reporte tarda demasiado ahora mismo."));

        awaitReplied(send("¿Qué plan tengo? ana@example.com"));

        fake.verify(postRequestedFor(urlEqualTo("/crm/tools/lookup_customer"))
                .withHeader("Authorization", equalTo("Bearer crm-secret"))
                .withRequestBody(matchingJsonPath("$.email", equalTo("ana@example.com")))
                .withRequestBody(matchingJsonPath("$.chatbot_id", equalTo(tenant.chatbotId().toString()))));
        awaitExecutions("lookup_customer:http:success", "slow_report:http:timeout", "create_ticket:http:failed",
                "export_history:http:success");
        // an answer over hub.tools.max-result-chars is cut, and the model is told so
        assertThat(jdbc.queryForObject("SELECT result->>'note' FROM tool_executions WHERE chatbot_id = ? AND tool_name = "
                + "'export_history'", String.class, tenant.chatbotId())).isEqualTo("The tool's answer was cut at 3000 characters");
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("cut at 3000 characters")));
        // the model read the CRM's answer, and was told the report timed out
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("gold")));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("slow_report' timed out")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tool_executions WHERE chatbot_id = ? AND (arguments::text LIKE "
                + "'%crm-secret%' OR result::text LIKE '%crm-secret%' OR error_message LIKE '%crm-secret%')", Integer.class,
                tenant.chatbotId())).isZero();

        // the accounting views
        Map<String, Map<String, Object>> stats = new java.util.HashMap<>();
        jdbc.queryForList("SELECT * FROM tool_usage_stats WHERE organization_id = ?", tenant.organizationId())
                .forEach(row -> stats.put((String) row.get("tool_name"), row));
        assertThat(stats.get("lookup_customer")).containsEntry("successful_executions", 1L);
        assertThat(stats.get("slow_report")).containsEntry("timeout_executions", 1L);
        assertThat(stats.get("create_ticket")).containsEntry("failed_executions", 1L);
        assertThat(jdbc.queryForList("SELECT tool_name || ':' || status FROM recent_tool_failures WHERE organization_id = ? "
                + "ORDER BY tool_name", String.class, tenant.organizationId()))
                .containsExactly("create_ticket:failed", "slow_report:timeout");
    }

    // ---- MCP ----

    @Test
    void anMcpServerRunningInTheTestIsImportedAndCalled() {
        mcp.requests.clear();
        UUID integration = createIntegration(tenant, Map.of("provider", "mcp", "name", "Weather",
                "config", Map.of("server_url", mcp.url()), "credentials", Map.of("bearer_token", McpTestServer.TOKEN)));

        JsonNode imported = json(call(tenant, "POST", "/api/integrations/" + integration + "/import", ""), 200);
        assertThat(imported.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(imported.path("tools").get(0).path("parameters").path("required").get(0).asText()).isEqualTo("city");
        assertThat(mcp.requests.stream().map(r -> r.split(" ")[0]).toList())
                .containsExactly("initialize", "notifications/initialized", "tools/list");
        enable(tenant, integration);
        fake.llmScriptOfTemplates(toolCall("call_1", "get_weather", "{\\\"city\\\":\\\"Madrid\\\"}"), answer("En Madrid hay 22 grados y cielo despejado."));

        awaitReplied(send("¿Qué tiempo hace en Madrid?"));

        awaitExecutions("get_weather:mcp:success");
        assertThat(mcp.calls).anySatisfy(call -> assertThat(call.path("arguments").path("city").asText()).isEqualTo("Madrid"));
        // the server pinged the hub in the middle of tools/call and got its answer before it answered the call
        assertThat(mcp.requests.stream().map(r -> r.split(" ")[0]).toList()).containsSubsequence("tools/call", "pong");
        // every request after initialize carried the session the server gave
        assertThat(mcp.requests.stream().filter(r -> !r.startsWith("initialize")).toList()).allMatch(r -> !r.endsWith(" null"));
        assertThat(mcp.unauthorized).isZero();
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("despejado")));
        assertThat(jdbc.queryForObject("SELECT result->>'temperature' FROM tool_executions WHERE chatbot_id = ?", String.class,
                tenant.chatbotId())).isEqualTo("22 C");
    }

    @Test
    void anMcpServerThatOnlySpeaksTheOlderSseTransportIsImportedAndCalledToo() {
        mcp.requests.clear();
        UUID integration = createIntegration(tenant, Map.of("provider", "mcp", "name", "Forecast",
                "config", Map.of("server_url", mcp.legacyUrl()), "credentials", Map.of("bearer_token", McpTestServer.TOKEN)));

        JsonNode imported = json(call(tenant, "POST", "/api/integrations/" + integration + "/import", ""), 200);

        assertThat(imported.path("tools").get(0).path("name").asText()).isEqualTo("get_forecast");
        assertThat(mcp.requests).containsSubsequence("legacy initialize", "legacy notifications/initialized", "legacy tools/list");

        enable(tenant, integration);
        JsonNode forecast = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/get_forecast/test",
                "{\"city\":\"Bilbao\"}"), 200);
        assertThat(forecast.path("status").asText()).isEqualTo("success");
        assertThat(forecast.path("result").path("forecast").asText()).isEqualTo("lluvia");
        assertThat(forecast.path("result").path("city").asText()).isEqualTo("Bilbao");
        assertThat(mcp.requests).containsSubsequence("legacy tools/call", "legacy pong");
    }

    // ---- resilience ----

    @Test
    void fiveFailuresInARowOpenTheCircuitAndRaiseOneAlert() {
        fake.stubFor(post(urlEqualTo("/broken/tools/check_stock")).willReturn(aResponse().withStatus(503)));
        UUID integration = createIntegration(tenant, Map.of("provider", "http", "name", "check_stock",
                "config", Map.of("server_url", fake.baseUrl() + "/broken")));
        enable(tenant, integration);
        String six = String.join(",", java.util.Collections.nCopies(6,
                "{\"id\":\"call_%d\",\"type\":\"function\",\"function\":{\"name\":\"check_stock\",\"arguments\":\"{}\"}}"));
        fake.llmScriptOfTemplates("""
                {"id":"c","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{
                 "role":"assistant","content":null,"tool_calls":[%s]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""".formatted(six.formatted(1, 2, 3, 4, 5, 6)),
                answer("El inventario no está disponible ahora."),
                toolCall("call_7", "check_stock", "{}"),
                answer("Sigue sin estar disponible."));

        awaitReplied(send("¿Hay stock?"));
        awaitReplied(send("¿Y ahora?"));

        // five calls reached the server; the sixth and the next message's call were refused by the open circuit
        fake.verify(5, postRequestedFor(urlEqualTo("/broken/tools/check_stock")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT coalesce(error_message, '') FROM tool_executions WHERE chatbot_id = ? ORDER BY id", String.class,
                tenant.chatbotId())).hasSize(7).satisfies(errors -> {
                    assertThat(errors.subList(0, 5)).allMatch(e -> e.contains("HTTP 503"));
                    assertThat(errors.subList(5, 7)).allMatch(e -> e.contains("temporarily unavailable"));
                }));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("temporarily unavailable")));
        assertThat(jdbc.queryForList("SELECT metadata->>'integration_id' FROM system_alerts WHERE chatbot_id = ? "
                + "AND type = 'TOOL_FAILURE'", String.class, tenant.chatbotId())).containsExactly(integration.toString());
    }

    @Test
    void nulCharactersFromAToolServerAndTheModelAreDroppedAndTheCustomerIsAnswered() throws Exception {
        // PostgreSQL stores no NUL in text or jsonb: before, such a turn failed at its last statement, again on every attempt
        fake.stubFor(post(urlEqualTo("/nul/tools/check_stock"))
                .willReturn(okJson("{\"success\":true,\"stock\":\"3\\u0000 pares\",\"note\\u0000\":\"ok\"}")));
        enable(tenant, createIntegration(tenant, Map.of("provider", "http", "name", "check_stock",
                "config", Map.of("server_url", fake.baseUrl() + "/nul"))));
        fake.llmScriptOfTemplates(toolCall("call_1", "check_stock", "{\\\"item\\\":\\\"zapa\\\\u0000tos\\\"}"),
                answer("Quedan 3\\u0000 pares."));

        awaitReplied(send("¿Hay zapatos?"));

        fake.verify(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Quedan 3 pares."))));
        awaitExecutions("check_stock:http:success");
        Map<String, Object> execution = jdbc.queryForMap("SELECT arguments::text AS arguments, result::text AS result "
                + "FROM tool_executions WHERE chatbot_id = ?", tenant.chatbotId());
        assertThat(mapper.readTree((String) execution.get("arguments")).path("item").asText()).isEqualTo("zapatos");
        assertThat(mapper.readTree((String) execution.get("result"))).isEqualTo(
                mapper.readTree("{\"success\":true,\"stock\":\"3 pares\",\"note\":\"ok\"}"));
        assertThat(jdbc.queryForList("SELECT content FROM messages WHERE chatbot_id = ? AND role = 'assistant'", String.class,
                tenant.chatbotId())).containsExactly("Quedan 3 pares.");
    }

    // ---- admin API ----

    @Test
    void theAdminApiIsTenantScopedValidatesAndSwitchesToolsOff() throws Exception {
        Tenant other = tenants.create("Stranger " + UUID.randomUUID());
        UUID integration = createIntegration(tenant, Map.of("provider", "route", "name", "list_plans"));
        enable(tenant, integration);

        assertThat(call(other, "GET", "/api/integrations/" + integration, null).statusCode()).isEqualTo(404);
        assertThat(call(other, "GET", "/api/chatbots/" + tenant.chatbotId() + "/tools", null).statusCode()).isEqualTo(404);
        assertThat(call(other, "PATCH", "/api/chatbots/" + other.chatbotId() + "/tools/" + integration, "{\"enabled\":true}")
                .statusCode()).isEqualTo(404);
        assertThat(call(other, "POST", "/api/integrations/" + integration + "/import", "").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = call(tenant, "POST", "/api/integrations", "{\"provider\":\"route\",\"name\":\"launch_rocket\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown, 400).path("error").path("code").asText()).isEqualTo("unknown_route_tool");
        assertThat(call(tenant, "POST", "/api/integrations", "{\"provider\":\"route\",\"name\":\"list_plans\"}").statusCode())
                .isEqualTo(409);
        assertThat(call(null, "GET", "/api/integrations", null).statusCode()).isEqualTo(401);

        // no body: no arguments
        JsonNode plans = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/list_plans/test", null), 200);
        assertThat(plans.path("result").path("planes_disponibles").get(0).path("precio").asText()).isEqualTo("$299 MXN/mes");
        JsonNode enterprise = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/list_plans/test",
                "{\"plan\":\"enterprise\"}"), 200);
        assertThat(enterprise.path("result").path("planes_disponibles")).singleElement()
                .satisfies(plan -> assertThat(plan.path("nombre").asText()).isEqualTo("Empresarial"));

        // a tool written only in YAML (src/test/resources/routes/tools-test.yaml, the README's example)
        enable(tenant, createIntegration(tenant, Map.of("provider", "route", "name", "opening_hours")));
        JsonNode hours = json(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/opening_hours/test",
                "{\"branch\":\"Centro\"}"), 200);
        assertThat(hours.path("result").path("hours").asText()).isEqualTo("9:00-18:00");
        assertThat(hours.path("result").path("branch").asText()).isEqualTo("Centro");
        JsonNode listed = json(call(tenant, "GET", "/api/chatbots/" + tenant.chatbotId() + "/tools", null), 200);
        assertThat(listed.path("route_tools").toString()).contains("opening_hours", "calculate_pricing", "capture_lead");
        assertThat(listed.path("items").toString()).contains("\"required\":[\"branch\"]");

        JsonNode off = json(call(tenant, "PATCH", "/api/chatbots/" + tenant.chatbotId() + "/tools/" + integration,
                "{\"enabled\":false}"), 200);
        assertThat(off.path("enabled").asBoolean()).isFalse();
        fake.llmScriptOfTemplates(answer("Tenemos tres planes."));
        awaitReplied(send("¿Qué planes tienen?"));
        fake.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(notContaining("list_plans")));
        assertThat(call(tenant, "POST", "/api/chatbots/" + tenant.chatbotId() + "/tools/list_plans/test", "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theAdminApiReadsOnlyItsOwnFieldsAndTellsLeftOutFromNull() {
        String tools = "/api/chatbots/" + tenant.chatbotId() + "/tools";
        JsonNode created = json(call(tenant, "POST", "/api/integrations", """
                {"provider":"route","name":"list_plans","description":"Planes",
                 "credentials":{"api_key":"plans-secret","api_key_header":"X-Plans-Key"}}"""), 201);
        String integration = created.path("id").asText();
        String path = "/api/integrations/" + integration;
        assertThat(created.path("provider").asText()).isEqualTo("route");
        assertThat(created.path("has_credentials").asBoolean()).isTrue();
        assertThat(created.has("credentials")).isFalse();
        assertThat(created.toString()).doesNotContain("plans-secret");

        // the old camelCase names, and anything else an endpoint does not take, are refused
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":\"route\",\"name\":\"x\",\"isActive\":true}"),
                "unknown_field");
        assertError(call(tenant, "PATCH", path, "{\"hasCredentials\":false}"), "unknown_field");
        assertError(call(tenant, "POST", tools, "{\"integrationId\":\"" + integration + "\"}"), "unknown_field");
        assertError(call(tenant, "PATCH", tools + "/" + integration, "{\"settingsOverride\":{}}"), "unknown_field");
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":\"rocket\",\"name\":\"x\"}"), "invalid_field")
                .contains("one of builtin, route, http, mcp");
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":1,\"name\":\"x\"}"), "invalid_field");
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":\"http\",\"name\":\"x\",\"credentials\":"
                + "{\"bearerToken\":\"t\"}}"), "unknown_field");
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":\"route\"}"), "missing_field");
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":\"route\",\"name\":\"list_plans\",\"credentials\":null}"),
                "invalid_field").contains("'credentials' cannot be null");
        assertError(call(tenant, "POST", tools + "/list_plans/test", "[1]"), "invalid_json");

        // PATCH: left out stays, null clears what can be cleared and is refused for the rest
        JsonNode paused = json(call(tenant, "PATCH", path, "{\"active\":false}"), 200);
        assertThat(paused.path("active").asBoolean()).isFalse();
        assertThat(paused.path("description").asText()).isEqualTo("Planes");
        assertThat(paused.path("has_credentials").asBoolean()).isTrue();
        JsonNode cleared = json(call(tenant, "PATCH", path, "{\"description\":null,\"credentials\":{},\"active\":true}"), 200);
        assertThat(cleared.hasNonNull("description")).isFalse();
        assertThat(cleared.path("has_credentials").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT credentials_encrypted FROM org_integrations WHERE id = ?::uuid", String.class,
                integration)).isNull();
        assertError(call(tenant, "PATCH", path, "{\"active\":null}"), "invalid_field");
        assertError(call(tenant, "PATCH", path, "{}"), "missing_field");

        // a chatbot's override: kept when left out, cleared with null; PATCH changes only a tool the chatbot uses
        assertThat(call(tenant, "PATCH", tools + "/" + integration, "{\"enabled\":true}").statusCode()).isEqualTo(404);
        JsonNode enabled = json(call(tenant, "POST", tools, "{\"integration_id\":\"" + integration
                + "\",\"settings_override\":{\"description\":\"Los planes y sus precios\"}}"), 200);
        assertThat(enabled.path("integration_id").asText()).isEqualTo(integration);
        assertThat(enabled.path("settings_override").path("description").asText()).isEqualTo("Los planes y sus precios");
        assertThat(enabled.path("tools").get(0).path("description").asText()).isEqualTo("Los planes y sus precios");
        JsonNode off = json(call(tenant, "PATCH", tools + "/" + integration, "{\"enabled\":false}"), 200);
        assertThat(off.path("enabled").asBoolean()).isFalse();
        assertThat(off.path("settings_override").path("description").asText()).isEqualTo("Los planes y sus precios");
        JsonNode reset = json(call(tenant, "PATCH", tools + "/" + integration, "{\"settings_override\":null}"), 200);
        assertThat(reset.path("enabled").asBoolean()).isFalse();
        assertThat(reset.path("settings_override").size()).isZero();
        assertThat(reset.path("tools").get(0).path("description").asText()).isNotEqualTo("Los planes y sus precios");
        assertError(call(tenant, "PATCH", tools + "/" + integration, "{\"enabled\":null}"), "invalid_field");

        // settings the agent's tools are built from must have their type: one stored otherwise broke the chatbot's tool list
        assertError(call(tenant, "POST", "/api/integrations", "{\"provider\":\"route\",\"name\":\"calculate_pricing\","
                + "\"config\":{\"parameters\":\"abc\"}}"), "invalid_field").contains("'config.parameters'");
        assertError(call(tenant, "PATCH", path, "{\"config\":{\"parameters\":{\"type\":\"string\"}}}"), "invalid_field");
        assertError(call(tenant, "PATCH", path, "{\"config\":{\"description\":5}}"), "invalid_field")
                .contains("'config.description' must be a string");
        assertError(call(tenant, "PATCH", tools + "/" + integration, "{\"settings_override\":{\"enabled_tools\":\"all\"}}"),
                "invalid_field").contains("'settings_override.enabled_tools'");
        assertError(call(tenant, "POST", tools, "{\"integration_id\":\"" + integration
                + "\",\"settings_override\":{\"parameters\":{\"properties\":[]}}}"), "invalid_field");
        assertThat(call(tenant, "GET", tools, null).statusCode()).as("the chatbot's tools still list").isEqualTo(200);
        JsonNode ownSchema = json(call(tenant, "PATCH", path, "{\"config\":{\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"plan\":{\"type\":\"string\"}},\"required\":[\"plan\"]}}}"), 200);
        assertThat(ownSchema.at("/config/parameters/required/0").asText()).isEqualTo("plan");

        JsonNode removed = json(call(tenant, "DELETE", tools + "/" + integration, null), 200);
        assertThat(removed.path("integration_id").asText()).isEqualTo(integration);
        assertThat(removed.path("removed").asBoolean()).isTrue();
        JsonNode deleted = json(call(tenant, "DELETE", path, null), 200);
        assertThat(deleted.path("integration_id").asText()).isEqualTo(integration);
        assertThat(call(tenant, "GET", path, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theToolOperationsAreDescribedWithTheirSchemas() throws Exception {
        JsonNode doc = mapper.readTree(http.get("/api/openapi.json", null).body());
        JsonNode create = doc.path("paths").path("/api/integrations").path("post");
        assertThat(create.path("requestBody").toString()).contains("/CreateIntegrationRequest");
        assertThat(create.path("responses").path("201").toString()).contains("/Integration\"");
        assertThat(create.path("responses").path("409").toString()).contains("/ErrorBody");
        assertThat(doc.path("paths").path("/api/chatbots/{chatbotId}/tools/{integrationId}").path("patch").path("requestBody")
                .toString()).contains("/UpdateChatbotToolRequest");
        assertThat(doc.path("paths").path("/api/integrations/{integrationId}/import").path("post").path("responses")
                .path("502").toString()).contains("/ErrorBody");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("Integration").path("properties").has("has_credentials")).isTrue();
        assertThat(schemas.path("Integration").path("properties").has("credentials")).as("credentials are write-only").isFalse();
        assertThat(schemas.path("Integration").path("properties").path("provider").path("enum").toString())
                .isEqualTo("[\"builtin\",\"route\",\"http\",\"mcp\"]");
        assertThat(schemas.path("ToolServerCredentials").path("properties").has("bearer_token")).isTrue();
        assertThat(schemas.path("ChatbotToolList").path("properties").has("route_tools")).isTrue();
    }

    // ---- helpers ----
    // ---- helpers ----

    private UUID createIntegration(Tenant owner, Map<String, Object> body) {
        try {
            JsonNode created = json(call(owner, "POST", "/api/integrations", mapper.writeValueAsString(body)), 201);
            return UUID.fromString(created.path("id").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void enable(Tenant owner, UUID integration) {
        JsonNode enabled = json(call(owner, "POST", "/api/chatbots/" + owner.chatbotId() + "/tools",
                "{\"integration_id\":\"" + integration + "\"}"), 200);
        assertThat(enabled.path("enabled").asBoolean()).isTrue();
    }

    private HttpResponse<String> call(Tenant caller, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url(path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.apiKey());
        }
        return http.send(request.build());
    }

    private JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        try {
            return mapper.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The refusal's error code is {@code code}; its message, to assert on. */
    private org.assertj.core.api.AbstractStringAssert<?> assertError(HttpResponse<String> response, String code) {
        JsonNode error = json(response, 400).path("error");
        assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
        return assertThat(error.path("message").asText());
    }

    private void awaitExecutions(String... expected) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT tool_name || ':' || tool_type || ':' || status FROM tool_executions WHERE chatbot_id = ? ORDER BY id",
                String.class, tenant.chatbotId())).containsExactly(expected));
    }

    private void awaitReplied(String wamid) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || ':' || coalesce(reply_status, '') FROM webhook_events WHERE whatsapp_message_id = ?",
                String.class, wamid)).containsExactly("completed:sent"));
    }

    private String send(String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode())
                .isEqualTo(200);
        return wamid;
    }

    private void geminiScript(String... responses) {
        for (int i = 0; i < responses.length; i++) {
            fake.stubFor(post(urlEqualTo(GEMINI)).inScenario("gemini")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "call " + i)
                    .willReturn(okJson(responses[i])).willSetStateTo("call " + (i + 1)));
        }
    }

    private static String geminiCall(String name, String args) {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"%s","args":%s}}]},
                 "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":90,"candidatesTokenCount":12,"totalTokenCount":102}}"""
                .formatted(name, args);
    }

    private static String geminiText(String text) {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"%s"}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":140,"candidatesTokenCount":8,"totalTokenCount":148}}""".formatted(text);
    }
}
