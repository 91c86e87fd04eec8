package hub.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static hub.llm.LlmFixtures.budget;
import static hub.llm.LlmFixtures.FALLBACK_ERROR;
import static hub.llm.LlmFixtures.FALLBACK_LIMIT;
import static hub.llm.LlmFixtures.JSON;
import static hub.llm.LlmFixtures.chatbot;
import static hub.llm.LlmFixtures.pricingTool;
import static hub.llm.LlmFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.llm.LlmFixtures.RecordingExecutor;
import hub.metrics.BusinessMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool loop against a fake OpenAI chat-completions endpoint speaking the real wire format. */
class OpenAiToolLoopTest {

    private static final String PATH = "/v1/chat/completions";

    private WireMockServer openAi;
    private LlmToolLoop loop;
    private SimpleMeterRegistry metrics;

    @BeforeEach
    void start() {
        openAi = new WireMockServer(options().dynamicPort());
        openAi.start();
        metrics = new SimpleMeterRegistry();
        loop = new LlmToolLoop(LlmFixtures.properties(openAi.baseUrl()), JSON, new BusinessMetrics(metrics));
    }

    @AfterEach
    void stop() {
        openAi.stop();
    }

    @Test
    void plainAnswerCarriesPromptHistoryAndUsage() throws Exception {
        openAi.stubFor(post(PATH).willReturn(okJson(answer("El plan básico cuesta 10 €.", "stop", 100, 40))));

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of()), new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo("El plan básico cuesta 10 €.");
        assertThat(result.provider()).isEqualTo("openai");
        assertThat(result.model()).isEqualTo("gpt-4o-mini");
        assertThat(result.tokensInput()).isEqualTo(100);
        assertThat(result.tokensOutput()).isEqualTo(40);
        assertThat(result.llmCalls()).isEqualTo(1);
        assertThat(result.failed()).isFalse();
        assertThat(result.finishReason()).isNull();

        openAi.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer sk-test")));
        JsonNode body = requestBodies().get(0);
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.has("tools")).isFalse();
        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).startsWith(
                "You are the shop assistant.\nFriendly and brief.\n\n\nUser Context:\nName: Ana\nPhone: +34600111222");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("¿Cuánto cuesta el plan básico?");
    }

    @Test
    void toolCallThenAnswerSumsTokensAndFeedsTheResultBack() throws Exception {
        openAi.stubFor(post(PATH).inScenario("loop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCall("call_abc", "get_price", "{\"tier\":\"basic\",\"message_volume\":3000}",
                        100, 20)))
                .willSetStateTo("answered"));
        openAi.stubFor(post(PATH).inScenario("loop").whenScenarioStateIs("answered")
                .willReturn(okJson(answer("Cuesta 42 €.", "stop", 120, 30))));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request(chatbot("gpt-4o"), List.of(pricingTool())), executor, budget());

        assertThat(result.reply()).isEqualTo("Cuesta 42 €.");
        assertThat(result.tokensInput()).isEqualTo(220);
        assertThat(result.tokensOutput()).isEqualTo(50);
        assertThat(result.llmCalls()).isEqualTo(2);
        assertThat(result.maxIterationsReached()).isFalse();
        assertThat(executor.arguments).containsExactly(Map.of("tier", "basic", "message_volume", 3000));
        assertThat(result.toolExecutions()).singleElement().satisfies(execution -> {
            assertThat(execution.toolName()).isEqualTo("get_price");
            assertThat(execution.iteration()).isEqualTo(1);
        });

        List<JsonNode> bodies = requestBodies();
        JsonNode tool = bodies.get(0).path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("get_price");
        assertThat(tool.path("function").path("description").asText()).isEqualTo("Returns the price of a plan");
        JsonNode parameters = tool.path("function").path("parameters");
        assertThat(parameters.path("properties").path("tier").path("enum").toString()).isEqualTo("[\"basic\",\"pro\"]");
        assertThat(parameters.path("properties").path("message_volume").path("type").asText()).isEqualTo("integer");
        assertThat(parameters.path("required").toString()).isEqualTo("[\"tier\"]");
        assertThat(bodies.get(0).toString()).doesNotContain("pricing.internal").doesNotContain("metadata");
        assertThat(bodies.get(0).path("messages").get(0).path("content").asText())
                .contains("• get_price: Returns the price of a plan\n  CUÁNDO USAR: when asked about prices\n");

        JsonNode followUp = bodies.get(1).path("messages");
        JsonNode assistant = followUp.get(followUp.size() - 2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_abc");
        JsonNode toolMessage = followUp.get(followUp.size() - 1);
        assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_abc");
        assertThat(toolMessage.path("content").asText()).isEqualTo("{\"price\": 42}");
    }

    @Test
    void invalidArgumentJsonReachesTheExecutorAsAnEmptyMap() {
        openAi.stubFor(post(PATH).inScenario("bad-json").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCall("call_1", "get_price", "{tier: basic", 10, 5)))
                .willSetStateTo("answered"));
        openAi.stubFor(post(PATH).inScenario("bad-json").whenScenarioStateIs("answered")
                .willReturn(okJson(answer("¿Qué plan?", "stop", 10, 5))));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of(pricingTool())), executor, budget());

        assertThat(executor.arguments).containsExactly(Map.of());
        assertThat(result.reply()).isEqualTo("¿Qué plan?");
    }

    @Test
    void failedToolResultIsStillGivenToTheModel() throws Exception {
        openAi.stubFor(post(PATH).inScenario("failing-tool").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCall("call_9", "get_price", "{\"tier\":\"pro\"}", 10, 5)))
                .willSetStateTo("answered"));
        openAi.stubFor(post(PATH).inScenario("failing-tool").whenScenarioStateIs("answered")
                .willReturn(okJson(answer("No puedo consultar el precio ahora.", "stop", 10, 5))));
        RecordingExecutor executor = new RecordingExecutor("{\"error\": \"MCP server timeout (30s)\"}", "timeout");

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of(pricingTool())), executor, budget());

        assertThat(result.failed()).isFalse();
        assertThat(result.toolExecutions()).singleElement()
                .satisfies(execution -> assertThat(execution.status()).isEqualTo("timeout"));
        JsonNode messages = requestBodies().get(1).path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText()).contains("MCP server timeout (30s)");
    }

    @Test
    void fiveToolCallResponsesEndWithTheRephraseReplyInTheChatbotsLanguage() {
        openAi.stubFor(post(PATH).willReturn(okJson(toolCall("call_x", "get_price", "{\"tier\":\"basic\"}", 10, 2))));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini", "en"), List.of(pricingTool())), executor, budget());

        assertThat(result.reply())
                .isEqualTo("I need more time to think about this. Could you please rephrase your question?");
        assertThat(result.maxIterationsReached()).isTrue();
        assertThat(result.llmCalls()).isEqualTo(5);
        assertThat(result.tokensInput()).isEqualTo(50);
        assertThat(result.toolExecutions()).hasSize(5);
        openAi.verify(5, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void truncatedAnswerKeepsItsTextAndFinishReason() {
        openAi.stubFor(post(PATH).willReturn(okJson(answer("El plan básico cuesta", "length", 10, 100))));

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of()), new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo("El plan básico cuesta");
        assertThat(result.finishReason()).isEqualTo("length");
    }

    @Test
    void serverErrorAnswersWithTheErrorFallback() {
        openAi.stubFor(post(PATH).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error while processing your request\","
                        + "\"type\":\"server_error\"}}")));

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of()), new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo(FALLBACK_ERROR);
        assertThat(result.failed()).isTrue();
        assertThat(result.limitError()).isFalse();
        assertThat(result.error()).contains("500");
        assertThat(result.llmCalls()).isEqualTo(1);
        openAi.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void rateLimitAnswersWithTheLimitFallbackAndKeepsEarlierWork() {
        openAi.stubFor(post(PATH).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCall("call_1", "get_price", "{\"tier\":\"basic\"}", 100, 20)))
                .willSetStateTo("limited"));
        openAi.stubFor(post(PATH).inScenario("limit").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\","
                                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")));

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of(pricingTool())),
                new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo(FALLBACK_LIMIT);
        assertThat(result.limitError()).isTrue();
        assertThat(result.error()).isNotBlank();
        assertThat(result.tokensInput()).isEqualTo(100);
        assertThat(result.toolExecutions()).hasSize(1);
        assertThat(result.llmCalls()).isEqualTo(2);
        assertThat(metrics.get("hub.llm.calls").tags("provider", "openai", "model", "gpt-4o-mini", "outcome", "success").timer().count())
                .isEqualTo(1);
        assertThat(metrics.get("hub.llm.calls").tags("provider", "openai", "model", "gpt-4o-mini", "outcome", "limit").timer().count())
                .isEqualTo(1);
    }

    @Test
    void missingUsageIsEstimatedFromTheText() {
        openAi.stubFor(post(PATH).willReturn(okJson("""
                {"id":"chatcmpl-3","object":"chat.completion","created":1730000000,"model":"llama3",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"0123456789abcdef"},
                             "finish_reason":"stop"}]}""")));

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of()), new RecordingExecutor(), budget());

        assertThat(result.tokensOutput()).isEqualTo(4);
        assertThat(result.tokensInput()).isGreaterThan(20);
    }

    @Test
    void unknownToolIsReportedToTheModelWithoutCallingTheExecutor() throws Exception {
        openAi.stubFor(post(PATH).inScenario("unknown").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCall("call_7", "delete_everything", "{}", 10, 5)))
                .willSetStateTo("answered"));
        openAi.stubFor(post(PATH).inScenario("unknown").whenScenarioStateIs("answered")
                .willReturn(okJson(answer("No puedo hacer eso.", "stop", 10, 5))));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of(pricingTool())), executor, budget());

        assertThat(executor.arguments).isEmpty();
        assertThat(result.toolExecutions()).singleElement()
                .satisfies(execution -> assertThat(execution.status()).isEqualTo("failed"));
        JsonNode messages = requestBodies().get(1).path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .isEqualTo("{\"error\":\"Tool 'delete_everything' not found\"}");
    }

    @Test
    void toolCallsBeyondTheTurnsBudgetAreNotRunAndTheModelIsToldToAnswer() {
        openAi.stubFor(post(PATH).inScenario("budget").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCalls("call_1", "call_2"))).willSetStateTo("second"));
        openAi.stubFor(post(PATH).inScenario("budget").whenScenarioStateIs("second")
                .willReturn(okJson(toolCalls("call_3", "call_4"))).willSetStateTo("third"));
        openAi.stubFor(post(PATH).inScenario("budget").whenScenarioStateIs("third")
                .willReturn(okJson(answer("Cuesta 42 €.", "stop", 10, 5))));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of(pricingTool())), executor,
                budget(Duration.ofSeconds(30), 3));

        assertThat(result.reply()).isEqualTo("Cuesta 42 €.");
        assertThat(executor.arguments).hasSize(3);
        assertThat(result.toolExecutions()).extracting(ToolExecution::status)
                .containsExactly("success", "success", "success", "skipped");
        assertThat(result.toolExecutions().get(3).executed()).isFalse();
        assertThat(result.toolExecutions().get(3).toolType()).isEqualTo("http");
        assertThat(metrics.get("hub.tool.calls").tags("kind", "http", "status", "success").counter().count()).isEqualTo(3);
        assertThat(metrics.get("hub.tool.calls").tags("kind", "http", "status", "skipped").counter().count()).isEqualTo(1);
        JsonNode messages = requestBodies().get(2).path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .contains("Not run: this message already used its 3 tool calls");
    }

    @Test
    void atTheDeadlineTheLoopAnswersWithTheErrorFallbackAndStartsNothingMore() throws Exception {
        openAi.stubFor(post(PATH).inScenario("slow tool").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCalls("call_1", "call_2"))).willSetStateTo("answered"));
        openAi.stubFor(post(PATH).inScenario("slow tool").whenScenarioStateIs("answered")
                .willReturn(okJson(answer("Demasiado tarde.", "stop", 10, 5))));
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        ToolExecutor slow = (tool, args, iteration) -> {
            started.incrementAndGet();
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ToolExecution(tool.name(), tool.type(), tool.integrationId(), args, "{}", "success", null, 5000, iteration);
        };

        long start = System.nanoTime();
        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of(pricingTool())), slow,
                budget(Duration.ofSeconds(2), 8));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofMillis(3500));
        assertThat(result.outOfTime()).isTrue();
        assertThat(result.failed()).isTrue();
        assertThat(result.reply()).isEqualTo(FALLBACK_ERROR);
        assertThat(result.error()).contains("time budget of 2 s");
        assertThat(result.llmCalls()).isEqualTo(1);
        assertThat(result.toolExecutions()).singleElement().satisfies(execution -> {
            assertThat(execution.status()).isEqualTo("timeout");
            assertThat(execution.toolName()).isEqualTo("get_price");
            assertThat(execution.errorMessage()).contains("time budget");
        });
        // the stopped loop neither runs the second tool nor calls the model again
        Thread.sleep(5500);
        assertThat(started).hasValue(1);
        openAi.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anLlmCallInFlightAtTheDeadlineDoesNotKeepTheAnswerWaiting() {
        openAi.stubFor(post(PATH).willReturn(okJson(answer("Tarde.", "stop", 10, 5)).withFixedDelay(5000)));

        long start = System.nanoTime();
        LlmResult result = loop.answer(request(chatbot("gpt-4o-mini"), List.of()), new RecordingExecutor(),
                budget(Duration.ofMillis(500), 8));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(result.outOfTime()).isTrue();
        assertThat(result.reply()).isEqualTo(FALLBACK_ERROR);
        assertThat(result.toolExecutions()).isEmpty();
    }

    private List<JsonNode> requestBodies() {
        return openAi.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(r -> LlmFixtures.json(r.getBodyAsString()))
                .toList();
    }

    static String answer(String content, String finishReason, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1730000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},
                             "logprobs":null,"finish_reason":"%s"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(JSON.valueToTree(content), finishReason, promptTokens, completionTokens,
                        promptTokens + completionTokens);
    }

    /** One model turn asking for get_price once per id, all at once. */
    static String toolCalls(String... ids) {
        List<String> calls = java.util.Arrays.stream(ids).map(id -> """
                {"id":"%s","type":"function","function":{"name":"get_price","arguments":"{\\"tier\\":\\"basic\\"}"}}"""
                .formatted(id)).toList();
        return """
                {"id":"chatcmpl-4","object":"chat.completion","created":1730000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[%s]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""".formatted(String.join(",", calls));
    }

    static String toolCall(String id, String name, String arguments, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-2","object":"chat.completion","created":1730000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,
                   "tool_calls":[{"id":"%s","type":"function","function":{"name":"%s","arguments":%s}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(id, name, JSON.valueToTree(arguments), promptTokens, completionTokens,
                        promptTokens + completionTokens);
    }
}
