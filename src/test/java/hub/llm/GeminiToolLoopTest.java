package hub.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static hub.llm.LlmFixtures.budget;
import static hub.llm.LlmFixtures.FALLBACK_LIMIT;
import static hub.llm.LlmFixtures.JSON;
import static hub.llm.LlmFixtures.chatbot;
import static hub.llm.LlmFixtures.pricingTool;
import static hub.llm.LlmFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.conversation.CustomerMedia;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.llm.LlmFixtures.RecordingExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool loop against a fake Gemini generateContent endpoint speaking the real wire format. */
class GeminiToolLoopTest {

    private static final String MODEL = "gemini-3-flash-preview";
    private static final String PATH = "/v1beta/models/" + MODEL + ":generateContent";

    private WireMockServer gemini;
    private LlmToolLoop loop;

    @BeforeEach
    void start() {
        gemini = new WireMockServer(options().dynamicPort());
        gemini.start();
        loop = new LlmToolLoop(LlmFixtures.properties(gemini.baseUrl()), JSON, LlmFixtures.metrics());
    }

    @AfterEach
    void stop() {
        gemini.stop();
    }

    @Test
    void plainAnswerUsesSystemInstructionHistoryAndUsageMetadata() {
        gemini.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(text("El plan básico cuesta 10 €.", 50, 20))));

        LlmResult result = loop.answer(request(chatbot(MODEL), List.of()), new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo("El plan básico cuesta 10 €.");
        assertThat(result.provider()).isEqualTo("gemini");
        assertThat(result.model()).isEqualTo(MODEL);
        assertThat(result.tokensInput()).isEqualTo(50);
        assertThat(result.tokensOutput()).isEqualTo(20);
        assertThat(result.llmCalls()).isEqualTo(1);

        gemini.verify(postRequestedFor(urlPathEqualTo(PATH)).withHeader("x-goog-api-key", equalTo("gm-test")));
        JsonNode body = requestBodies().get(0);
        assertThat(body.path("systemInstruction").path("parts").get(0).path("text").asText())
                .startsWith("You are the shop assistant.\nFriendly and brief.\n\n\nUser Context:\nName: Ana");
        JsonNode contents = body.path("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.get(0).path("role").asText()).isEqualTo("user");
        assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
        assertThat(contents.get(2).path("role").asText()).isEqualTo("user");
        assertThat(contents.get(2).path("parts").get(0).path("text").asText()).isEqualTo("¿Cuánto cuesta el plan básico?");
        assertThat(body.path("generationConfig").path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.has("tools")).isFalse();
    }

    @Test
    void aCustomersImageGoesAsInlineDataWithItsCaption() {
        gemini.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson(text("Sí, la tenemos en azul.", 300, 8))));
        byte[] photo = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4};
        LlmRequest base = request(chatbot(MODEL), List.of());
        LlmRequest withImage = new LlmRequest(base.chatbot(), base.customer(), base.history(), "[image attached] ¿En azul?",
                base.knowledge(), base.tools(), new CustomerMedia.Image("image/jpeg", photo));

        assertThat(loop.answer(withImage, new RecordingExecutor(), budget()).reply()).isEqualTo("Sí, la tenemos en azul.");

        JsonNode contents = requestBodies().get(0).path("contents");
        JsonNode parts = contents.get(contents.size() - 1).path("parts");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("[image attached] ¿En azul?");
        JsonNode inline = parts.get(1).has("inlineData") ? parts.get(1).path("inlineData") : parts.get(1).path("inline_data");
        assertThat(inline.path("data").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(photo));
        assertThat(inline.has("mimeType") ? inline.path("mimeType").asText() : inline.path("mime_type").asText())
                .isEqualTo("image/jpeg");
    }

    @Test
    void functionCallThenAnswer() {
        gemini.stubFor(post(urlPathEqualTo(PATH)).inScenario("loop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"candidates":[{"content":{"role":"model","parts":[
                            {"functionCall":{"name":"get_price","args":{"tier":"basic","message_volume":3000}},
                             "thoughtSignature":"c2lnLTE="}]},
                          "finishReason":"STOP","index":0}],
                         "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"totalTokenCount":120},
                         "modelVersion":"gemini-3-flash-preview"}"""))
                .willSetStateTo("answered"));
        gemini.stubFor(post(urlPathEqualTo(PATH)).inScenario("loop").whenScenarioStateIs("answered")
                .willReturn(okJson(text("Cuesta 42 €.", 120, 30))));
        RecordingExecutor executor = new RecordingExecutor();

        LlmResult result = loop.answer(request(chatbot(MODEL), List.of(pricingTool())), executor, budget());

        assertThat(result.reply()).isEqualTo("Cuesta 42 €.");
        assertThat(result.tokensInput()).isEqualTo(220);
        assertThat(result.tokensOutput()).isEqualTo(50);
        assertThat(result.llmCalls()).isEqualTo(2);
        assertThat(executor.arguments).containsExactly(Map.of("tier", "basic", "message_volume", 3000));

        List<JsonNode> bodies = requestBodies();
        // langchain4j sends "tools" as one object; the API also takes the documented array
        JsonNode tools = bodies.get(0).path("tools");
        JsonNode declaration = (tools.isArray() ? tools.get(0) : tools).path("functionDeclarations").get(0);
        assertThat(declaration.path("name").asText()).isEqualTo("get_price");
        assertThat(declaration.path("description").asText()).isEqualTo("Returns the price of a plan");
        assertThat(bodies.get(0).toString()).doesNotContain("pricing.internal");

        JsonNode contents = bodies.get(1).path("contents");
        JsonNode modelTurn = contents.get(contents.size() - 2);
        assertThat(modelTurn.path("role").asText()).isEqualTo("model");
        assertThat(modelTurn.path("parts").get(0).path("functionCall").path("name").asText()).isEqualTo("get_price");
        assertThat(modelTurn.path("parts").get(0).path("thoughtSignature").asText()).isEqualTo("c2lnLTE=");
        JsonNode response = contents.get(contents.size() - 1).path("parts").get(0).path("functionResponse");
        assertThat(response.path("name").asText()).isEqualTo("get_price");
        assertThat(response.path("response").toString()).contains("price").contains("42");
    }

    @Test
    void fiveFunctionCallsEndWithTheSpanishRephraseReply() {
        gemini.stubFor(post(urlPathEqualTo(PATH)).willReturn(okJson("""
                {"candidates":[{"content":{"role":"model","parts":[
                    {"functionCall":{"name":"get_price","args":{"tier":"pro"}}}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":4,"totalTokenCount":34}}""")));

        LlmResult result = loop.answer(request(chatbot(MODEL), List.of(pricingTool())), new RecordingExecutor(),
                budget());

        assertThat(result.reply()).contains("reformular");
        assertThat(result.maxIterationsReached()).isTrue();
        assertThat(result.llmCalls()).isEqualTo(5);
        assertThat(result.tokensInput()).isEqualTo(150);
        assertThat(result.tokensOutput()).isEqualTo(20);
        assertThat(result.toolExecutions()).hasSize(5);
    }

    @Test
    void resourceExhaustedAnswersWithTheLimitFallback() {
        gemini.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"code":429,"message":"You exceeded your current quota, please check your plan.",
                                  "status":"RESOURCE_EXHAUSTED"}}""")));

        LlmResult result = loop.answer(request(chatbot(MODEL), List.of()), new RecordingExecutor(), budget());

        assertThat(result.reply()).isEqualTo(FALLBACK_LIMIT);
        assertThat(result.limitError()).isTrue();
        assertThat(result.failed()).isTrue();
        gemini.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    private List<JsonNode> requestBodies() {
        return gemini.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
                .map(r -> LlmFixtures.json(r.getBodyAsString()))
                .toList();
    }

    private static String text(String reply, int promptTokens, int candidateTokens) {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"text":%s}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":%d,"candidatesTokenCount":%d,"totalTokenCount":%d},
                 "modelVersion":"gemini-3-flash-preview"}"""
                .formatted(JSON.valueToTree(reply), promptTokens, candidateTokens, promptTokens + candidateTokens);
    }
}
