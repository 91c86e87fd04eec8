package hub.llm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.Customer;
import hub.conversation.HistoryEntry;
import hub.conversation.KnowledgePassage;
import hub.conversation.LlmRequest;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.conversation.ToolSpec;
import hub.conversation.TurnBudget;
import hub.metrics.BusinessMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Chatbots, requests, tools and a recording tool executor for the LLM tests. */
final class LlmFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FALLBACK_ERROR = "Perdón, algo falló.";
    static final String FALLBACK_LIMIT = "Perdón, estoy al límite.";

    private LlmFixtures() {
    }

    /** Business metrics on a registry of their own. */
    static BusinessMetrics metrics() {
        return new BusinessMetrics(new SimpleMeterRegistry());
    }

    static HubProperties properties(String wireMockBaseUrl) {
        return TestProperties.hub(Map.of(
                "hub.llm.openai.api-key", "sk-test",
                "hub.llm.openai.base-url", wireMockBaseUrl + "/v1",
                "hub.llm.gemini.api-key", "gm-test",
                "hub.llm.gemini.base-url", wireMockBaseUrl + "/v1beta"));
    }

    static Chatbot chatbot(String model) {
        return chatbot(model, "es");
    }

    static Chatbot chatbot(String model, String language) {
        return new Chatbot(UUID.randomUUID(), UUID.randomUUID(), "Tienda", "100000000000001", "token", model,
                "You are the shop assistant.", "Friendly and brief.", 0.3, false,
                FALLBACK_ERROR, FALLBACK_LIMIT, "Solo texto, por favor.", "free", "Escríbeme, por favor.", language);
    }

    static Customer customer() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("city", "Málaga");
        return new Customer(UUID.randomUUID(), "+34600111222", "Ana", variables, List.of());
    }

    static LlmRequest request(Chatbot bot, List<ToolSpec> tools) {
        return new LlmRequest(bot, customer(),
                List.of(new HistoryEntry("user", "Hola"), new HistoryEntry("assistant", "¡Hola! ¿En qué te ayudo?"),
                        new HistoryEntry("assistant", "")),
                "¿Cuánto cuesta el plan básico?", List.of(), tools);
    }

    static ToolSpec pricingTool() {
        return new ToolSpec("get_price", "Returns the price of a plan",
                json("""
                        {"type":"object","properties":{
                          "tier":{"type":"string","enum":["basic","pro"],"description":"plan tier"},
                          "message_volume":{"type":"integer"}},
                         "required":["tier"]}"""),
                "http", UUID.randomUUID(),
                Map.of("server_url", "http://pricing.internal", "llm_instructions", "when asked about prices"));
    }

    /** The default budget of a customer message: 90 s and 8 tool calls, starting now. */
    static TurnBudget budget() {
        return budget(java.time.Duration.ofSeconds(90), 8);
    }

    static TurnBudget budget(java.time.Duration timeout, int maxToolCalls) {
        return TurnBudget.from(System.nanoTime(), timeout, maxToolCalls);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static KnowledgePassage passage(String content, String source, Integer page, double similarity) {
        return new KnowledgePassage(content, source, page, similarity);
    }

    /** Answers every call with a fixed result and remembers the arguments it got. */
    static final class RecordingExecutor implements ToolExecutor {
        final List<Map<String, Object>> arguments = Collections.synchronizedList(new ArrayList<>());
        private final String result;
        private final String status;

        RecordingExecutor(String result, String status) {
            this.result = result;
            this.status = status;
        }

        RecordingExecutor() {
            this("{\"price\": 42}", "success");
        }

        @Override
        public ToolExecution execute(ToolSpec tool, Map<String, Object> args, int iteration) {
            arguments.add(args);
            return new ToolExecution(tool.name(), tool.type(), tool.integrationId(), args, result, status,
                    "success".equals(status) ? null : "it broke", 5, iteration);
        }
    }
}
