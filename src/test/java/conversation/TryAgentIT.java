package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static hub.FakeOutside.Service.OPENAI;
import static hub.FakeOutside.answer;
import static hub.FakeOutside.escaped;
import static hub.FakeOutside.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ApiClient;
import hub.ChatbotTest;
import hub.FakeOutside;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Try your agent": the chatbot's real agent (its prompt, knowledge and tools, through the OpenAI-compatible
 * provider WireMock fakes) answers a typed message; nothing is sent, stored or billed, and a tool that would
 * write a customer's data answers the agent that it did not run.
 */
class TryAgentIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside llm = new FakeOutside(OPENAI);

    @BeforeEach
    void chatbotWithKnowledgeAndATool() {
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("model_name", "gpt-4o-mini", "rag_enabled", true,
                "system_prompt", "Eres el asistente de la tienda de prueba.")).statusCode()).isEqualTo(200);
        tenants.addKnowledge(tenant, "Preguntas frecuentes", "Horario de la tienda: abrimos de lunes a viernes de 9 a 18 h.");
        UUID captureLead = UUID.fromString(json(api.post("/api/integrations", Map.of("provider", "route", "name", "capture_lead")))
                .get("id").asText());
        assertThat(api.post("/api/chatbots/" + tenant.chatbotId() + "/tools", Map.of("integration_id", captureLead)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theRealAgentAnswersWithItsKnowledgeAndToolsWithoutSendingStoringOrBilling() {
        llm.llmScript(toolCall("call_1", "capture_lead", escaped("{\"name\":\"Lucía\",\"email\":\"lucia@example.com\"}"), 10, 5),
                answer("Abrimos de lunes a viernes de 9 a 18 h, Lucía.", 12, 3));
        long messages = count("messages");
        long usage = count("usage_logs");
        long leads = count("leads");
        long executions = count("tool_executions");

        var response = api.post("/api/chatbots/" + tenant.chatbotId() + "/try", Map.of("message", "¿Cuál es el horario de la tienda?",
                "history", List.of(Map.of("role", "user", "text", "Hola"), Map.of("role", "assistant", "text", "¡Hola! ¿En qué te ayudo?"))));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tried = json(response);
        assertThat(tried.get("answer").asText()).isEqualTo("Abrimos de lunes a viernes de 9 a 18 h, Lucía.");
        assertThat(tried.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(tried.get("tokens").get("total").asInt()).isEqualTo(30);
        JsonNode call = tried.get("tool_calls").get(0);
        assertThat(call.get("name").asText()).isEqualTo("capture_lead");
        assertThat(call.get("status").asText()).isEqualTo("not_executed");
        assertThat(call.get("arguments").get("email").asText()).isEqualTo("lucia@example.com");
        assertThat(call.get("result").asText()).contains("Not executed");
        JsonNode passage = tried.get("passages").get(0);
        assertThat(passage.get("source_name").asText()).isEqualTo("Preguntas frecuentes");
        assertThat(passage.get("chunk_id").asText()).isNotBlank();
        assertThat(passage.get("score").asDouble()).isPositive();

        llm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Eres el asistente de la tienda de prueba."))
                .withRequestBody(containing("abrimos de lunes a viernes"))
                .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'capture_lead')]"))
                .withRequestBody(containing("¡Hola! ¿En qué te ayudo?")));
        llm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("not_executed")));
        assertThat(count("messages")).as("no message stored").isEqualTo(messages);
        assertThat(count("usage_logs")).as("nothing billed").isEqualTo(usage);
        assertThat(count("leads")).as("no lead written").isEqualTo(leads);
        assertThat(count("tool_executions")).isEqualTo(executions);
        assertThat(count("sandbox_outbox")).as("nothing sent").isZero();
    }

    @Test
    void aTrialNeedsAMessageAndTheOrganisationsChatbot() {
        assertThat(errorCode(api.post("/api/chatbots/" + tenant.chatbotId() + "/try", Map.of("message", " ")))).isEqualTo("missing_field");
        assertThat(errorCode(api.post("/api/chatbots/" + tenant.chatbotId() + "/try",
                Map.of("message", "Hola", "history", List.of(Map.of("role", "system", "text", "x")))))).isEqualTo("invalid_field");
        ApiClient other = api.as(tenants.create("Other " + UUID.randomUUID()).apiKey());
        assertThat(other.post("/api/chatbots/" + tenant.chatbotId() + "/try", Map.of("message", "Hola")).statusCode()).isEqualTo(404);
        llm.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private long count(String table) {
        String column = table.equals("sandbox_outbox") ? "chatbot_id" : "organization_id";
        Object scope = table.equals("sandbox_outbox") ? tenant.chatbotId() : tenant.organizationId();
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", Long.class, scope);
    }
}
