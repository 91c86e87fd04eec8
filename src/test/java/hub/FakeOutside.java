package hub;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock standing in for the services outside the hub: Meta's Graph API and the LLM providers. A test class
 * declares one as a static {@code @RegisterExtension} field: it runs for the class, is reset before each test and
 * stopped after the class, and the hub the class tests calls it instead of the services it was made for
 * ({@link FakeOutsideProperties}), so each such class has a hub of its own. A static field that is not registered
 * serves every subclass of its class with one hub, and is neither reset nor stopped.
 */
public final class FakeOutside extends WireMockServer implements BeforeEachCallback, AfterAllCallback {

    /** A service the hub reaches here instead. */
    public enum Service {
        GRAPH_API, OPENAI, GEMINI
    }

    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    private static final String MESSAGES = "/v22.0/.*/messages";

    private final EnumSet<Service> services;

    public FakeOutside(Service first, Service... more) {
        super(wireMockConfig().dynamicPort());
        this.services = EnumSet.of(first, more);
        start();
    }

    /** The hub's settings that send it here for each service this stands in for. */
    Map<String, Object> hubProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (services.contains(Service.GRAPH_API)) {
            properties.put("hub.whatsapp.graph-base-url", baseUrl());
        }
        if (services.contains(Service.OPENAI)) {
            properties.put("hub.llm.openai.api-key", "sk-test");
            properties.put("hub.llm.openai.base-url", baseUrl() + "/v1");
        }
        if (services.contains(Service.GEMINI)) {
            properties.put("hub.llm.gemini.api-key", "gm-test");
            properties.put("hub.llm.gemini.base-url", baseUrl() + "/v1beta");
        }
        return properties;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Gives the tenant's chatbot a new access token (Meta confirms it controls the number) and the model gpt-4o-mini. */
    public String connect(ApiClient api, Tenant tenant) {
        String token = "EAAG-" + UUID.randomUUID();
        stubFor(get(urlPathEqualTo("/v22.0/" + tenant.phoneNumberId())).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"id\":\"" + tenant.phoneNumberId() + "\",\"display_phone_number\":\"+1 555 0100\"}")));
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("model_name", "gpt-4o-mini",
                "whatsapp_access_token", token)).statusCode()).isEqualTo(200);
        return token;
    }

    /** Meta accepts read receipts. */
    public void acceptReadReceipts() {
        stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath("$.status")).willReturn(okJson("{\"success\":true}")));
    }

    /** Meta accepts read receipts and text messages, each sent message getting a new wamid. */
    public void acceptMessages() {
        acceptSends("$.text");
    }

    /** Meta accepts read receipts and messages of every type (text, interactive, template), each getting a new wamid. */
    public void acceptMessagesOfEveryType() {
        acceptSends("$.type");
    }

    private void acceptSends(String jsonPath) {
        acceptReadReceipts();
        stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(matchingJsonPath(jsonPath))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
    }

    /** The OpenAI-compatible LLM answers every chat completion with {@code text}. */
    public void llmAnswers(String text, int promptTokens, int completionTokens) {
        stubFor(post(urlEqualTo(CHAT_COMPLETIONS)).willReturn(okJson(answer(text, promptTokens, completionTokens))));
    }

    /** The OpenAI-compatible LLM gives these chat completions, one a call, in order. */
    public void llmScript(String... completions) {
        llmScript(List.of(completions), false);
    }

    /** {@link #llmScript(String...)} with completions that are response templates of the request. */
    public void llmScriptOfTemplates(String... completions) {
        llmScript(List.of(completions), true);
    }

    private void llmScript(List<String> completions, boolean templates) {
        for (int i = 0; i < completions.size(); i++) {
            var response = okJson(completions.get(i));
            stubFor(post(urlEqualTo(CHAT_COMPLETIONS)).inScenario("llm")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "call " + i)
                    .willReturn(templates ? response.withTransformers("response-template") : response)
                    .willSetStateTo("call " + (i + 1)));
        }
    }

    /** A chat completion answering {@code text}, with 80 + 20 tokens. */
    public static String answer(String text) {
        return answer(text, 80, 20);
    }

    /** A chat completion answering {@code text}. */
    public static String answer(String text, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-a","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(text, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** {@link #toolCall(String, String, String, int, int)} with 50 + 10 tokens. */
    public static String toolCall(String id, String name, String escapedArguments) {
        return toolCall(id, name, escapedArguments, 50, 10);
    }

    /** A chat completion calling one tool; {@code escapedArguments} is its JSON arguments {@link #escaped escaped}. */
    public static String toolCall(String id, String name, String escapedArguments, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-t","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function",
                 "function":{"name":"%s","arguments":"%s"}}]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(id, name, escapedArguments, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    /** {@code json} escaped to stand inside a JSON string, as a tool call's arguments do. */
    public static String escaped(String json) {
        String quoted = TextNode.valueOf(json).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
