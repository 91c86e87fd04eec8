package hub.whatsapp.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import hub.TestProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphApiClientTest {

    private static final String NUMBER = "123456789012345";
    private static final String MESSAGES = "/v22.0/" + NUMBER + "/messages";
    private static final String TOKEN = "EAAG-secret-token";
    private static final String RE_ENGAGEMENT = """
            {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
             "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
             "fbtrace_id":"AbCdEf"}}""";

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String[]> outbox = new ArrayList<>();
    private WireMockServer wiremock;

    @BeforeEach
    void start() {
        wiremock = new WireMockServer(wireMockConfig().dynamicPort());
        wiremock.start();
    }

    @AfterEach
    void stop() {
        wiremock.stop();
    }

    private GraphApiClient client() {
        return client(GraphClientSettings.defaults().withRetry(3, Duration.ofMillis(2)));
    }

    private GraphApiClient client(GraphClientSettings settings) {
        return new GraphApiClient(TestProperties.hub(Map.of("hub.whatsapp.graph-base-url", wiremock.baseUrl())),
                mapper, (number, to, wamid, payload) -> outbox.add(new String[] {number, to, wamid, payload}), settings);
    }

    private static String sent(String wamid) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"34600111222\",\"wa_id\":\"34600111222\"}],"
                + "\"messages\":[{\"id\":\"" + wamid + "\"}]}";
    }

    private List<JsonNode> requestBodies() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest r : wiremock.findAll(postRequestedFor(urlEqualTo(MESSAGES)))) {
            bodies.add(mapper.readTree(r.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void sendsATextInMetasWireFormat() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(sent("wamid.OUT1"))));

        SendResult result = client().sendText(" " + NUMBER + " ", TOKEN, "+34 600-111 222", "Hola 👋", "wamid.IN1");

        assertThat(result.wamids()).containsExactly("wamid.OUT1");
        wiremock.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"34600111222",
                         "type":"text","text":{"preview_url":false,"body":"Hola 👋"},
                         "context":{"message_id":"wamid.IN1"}}""")));
    }

    @Test
    void omitsTheContextWithoutAReplyWamid() throws Exception {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(sent("wamid.OUT1"))));

        client().sendText(NUMBER, TOKEN, "34600111222", "hi", null);

        assertThat(requestBodies().get(0).has("context")).isFalse();
    }

    @Test
    void retriesServerErrorsUntilSuccess() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"code\":131000,\"message\":\"Something went wrong\"}}"))
                .willSetStateTo("failed twice"));
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson(sent("wamid.OK"))));

        SendResult result = client().sendText(NUMBER, TOKEN, "34600111222", "hello", null);

        assertThat(result.wamids()).containsExactly("wamid.OK");
        wiremock.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void retriesRateLimits() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("{\"error\":{\"code\":130429,\"message\":\"Rate limit hit\"}}"))
                .willSetStateTo("ok"));
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson(sent("wamid.OK"))));

        assertThat(client().sendText(NUMBER, TOKEN, "34600111222", "hello", null).wamids()).containsExactly("wamid.OK");
        wiremock.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void giveUpAfterTheLastAttemptWithARetryableFailure() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)
                .withBody("{\"error\":{\"code\":130429,\"message\":\"Rate limit hit\",\"type\":\"OAuthException\"}}")));

        GraphApiException e = catchThrowableOfType(
                () -> client().sendText(NUMBER, TOKEN, "34600111222", "hello", null), GraphApiException.class);

        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.errorCode()).isEqualTo(130429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.rateLimited()).isTrue();
        assertThat(e.circuitOpen()).isFalse();
        wiremock.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void doesNotRetryClientErrorsAndReportsMetasCode() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(RE_ENGAGEMENT)));

        GraphApiException e = catchThrowableOfType(
                () -> client().sendText(NUMBER, TOKEN, "34600111222", "hello", null), GraphApiException.class);

        wiremock.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo(131047);
        assertThat(e.errorTitle()).isEqualTo("OAuthException");
        assertThat(e.retryable()).isFalse();
        assertThat(e.circuitOpen()).isFalse();
        assertThat(e.getMessage()).contains("131047", "Re-engagement message", "24 hours").doesNotContain(TOKEN);
    }

    @Test
    void timesOutAndRetriesSlowResponses() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(sent("wamid.late")).withFixedDelay(1500)));
        GraphClientSettings settings = GraphClientSettings.defaults().withRetry(2, Duration.ofMillis(1))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300));

        GraphApiException e = catchThrowableOfType(
                () -> client(settings).sendText(NUMBER, TOKEN, "34600111222", "hello", null), GraphApiException.class);

        assertThat(e.httpStatus()).isZero();
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("timed out");
        wiremock.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void splitsLongTextsIntoOrderedParts() throws Exception {
        for (int i = 1; i <= 3; i++) {
            wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("parts")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "part " + i)
                    .willReturn(okJson(sent("wamid.P" + i))).willSetStateTo("part " + (i + 1)));
        }
        String text = TextSplitterTest.words(9000);

        SendResult result = client().sendText(NUMBER, TOKEN, "34600111222", text, "wamid.IN");

        assertThat(result.wamids()).containsExactly("wamid.P1", "wamid.P2", "wamid.P3");
        List<JsonNode> bodies = requestBodies();
        assertThat(bodies).hasSize(3);
        List<String> parts = bodies.stream().map(b -> b.path("text").path("body").asText()).toList();
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join(" ", parts)).isEqualTo(text);
        assertThat(bodies.get(0).path("context").path("message_id").asText()).isEqualTo("wamid.IN");
        assertThat(bodies.get(1).has("context")).isFalse();
        assertThat(bodies.get(2).has("context")).isFalse();
    }

    @Test
    void reportsThePartsDeliveredBeforeAFailure() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("half").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(sent("wamid.P1"))).willSetStateTo("rejecting"));
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).inScenario("half").whenScenarioStateIs("rejecting")
                .willReturn(aResponse().withStatus(400).withBody(RE_ENGAGEMENT)));

        GraphApiException e = catchThrowableOfType(() -> client().sendText(NUMBER, TOKEN, "34600111222",
                TextSplitterTest.words(5000), null), GraphApiException.class);

        assertThat(e.errorCode()).isEqualTo(131047);
        assertThat(e.deliveredWamids()).containsExactly("wamid.P1");
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndFailsFastPerNumber() {
        wiremock.stubFor(post(urlPathMatching("/v22.0/[0-9]+/messages")).willReturn(aResponse().withStatus(500)));
        wiremock.stubFor(post(urlEqualTo("/v22.0/999/messages")).willReturn(okJson(sent("wamid.OTHER"))));
        GraphApiClient client = client(GraphClientSettings.defaults().withRetry(3, Duration.ofMillis(1))
                .withBreaker(4, 4, 50f, Duration.ofMinutes(5)).withOutageWait(Duration.ZERO));

        GraphApiException first = catchThrowableOfType(
                () -> client.sendText(NUMBER, TOKEN, "34600111222", "a", null), GraphApiException.class);
        assertThat(first.httpStatus()).isEqualTo(500);
        assertThat(first.circuitOpen()).isFalse();
        // the 4th failed attempt opens the breaker, so the second send stops retrying early
        GraphApiException second = catchThrowableOfType(
                () -> client.sendText(NUMBER, TOKEN, "34600111222", "b", null), GraphApiException.class);
        assertThat(second.circuitOpen()).isTrue();
        wiremock.verify(4, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(client.isCircuitOpen(NUMBER)).isTrue();

        GraphApiException fast = catchThrowableOfType(
                () -> client.sendText(NUMBER, TOKEN, "34600111222", "c", null), GraphApiException.class);
        assertThat(fast.circuitOpen()).isTrue();
        assertThat(fast.retryable()).isTrue();
        assertThat(fast.httpStatus()).isZero();
        assertThat(fast.getMessage()).contains("circuit breaker open", NUMBER);
        wiremock.verify(4, postRequestedFor(urlEqualTo(MESSAGES)));

        assertThat(client.isCircuitOpen("999")).isFalse();
        assertThat(client.sendText("999", TOKEN, "34600111222", "d", null).wamids()).containsExactly("wamid.OTHER");
    }

    @Test
    void circuitLetsATrialCallThroughAfterTheOpenDuration() throws Exception {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(502)));
        GraphApiClient client = client(GraphClientSettings.defaults().withRetry(2, Duration.ofMillis(1))
                .withBreaker(2, 2, 50f, Duration.ofMillis(200)).withOutageWait(Duration.ZERO));
        assertThatThrownBy(() -> client.sendText(NUMBER, TOKEN, "34600111222", "a", null))
                .isInstanceOf(GraphApiException.class);
        assertThat(client.isCircuitOpen(NUMBER)).isTrue();

        Thread.sleep(300);
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(sent("wamid.BACK"))));

        assertThat(client.sendText(NUMBER, TOKEN, "34600111222", "b", null).wamids()).containsExactly("wamid.BACK");
        assertThat(client.isCircuitOpen(NUMBER)).isFalse();
    }

    @Test
    void aSendDuringAShortOutageWaitsForTheGraphApiInsteadOfFailing() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
        GraphApiClient client = client(GraphClientSettings.defaults().withRetry(2, Duration.ofMillis(1))
                .withBreaker(2, 2, 50f, Duration.ofMillis(200)).withOutageWait(Duration.ofSeconds(20)));
        var recovery = java.util.concurrent.CompletableFuture.runAsync(() -> {
            sleepQuietly(1500);
            assertThat(client.isCircuitOpen(NUMBER)).isTrue();
            wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson(sent("wamid.AFTER-OUTAGE"))));
        });
        long start = System.nanoTime();

        assertThat(client.sendText(NUMBER, TOKEN, "34600111222", "b", null).wamids()).containsExactly("wamid.AFTER-OUTAGE");

        recovery.join();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1400));
        assertThat(client.isCircuitOpen(NUMBER)).isFalse();
        // trial calls at the breaker's pace (every 200 ms), not a tight loop
        assertThat(wiremock.countRequestsMatching(postRequestedFor(urlEqualTo(MESSAGES)).build()).getCount()).isBetween(4, 12);
    }

    @Test
    void anOutageLongerThanTheWaitFailsTheSendAndLaterSendsFailFast() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
        GraphApiClient client = client(GraphClientSettings.defaults().withRetry(2, Duration.ofMillis(1))
                .withBreaker(2, 2, 50f, Duration.ofMillis(100)).withOutageWait(Duration.ofMillis(600)));

        long start = System.nanoTime();
        GraphApiException waited = catchThrowableOfType(
                () -> client.sendText(NUMBER, TOKEN, "34600111222", "a", null), GraphApiException.class);
        assertThat(waited.retryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));

        start = System.nanoTime();
        GraphApiException fast = catchThrowableOfType(
                () -> client.sendText(NUMBER, TOKEN, "34600111222", "c", null), GraphApiException.class);
        assertThat(fast.retryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400).withBody(RE_ENGAGEMENT)));
        GraphApiClient client = client(GraphClientSettings.defaults().withBreaker(2, 2, 50f, Duration.ofMinutes(5)));

        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowableOfType(() -> client.sendText(NUMBER, TOKEN, "34600111222", "x", null),
                    GraphApiException.class).circuitOpen()).isFalse();
        }
        wiremock.verify(5, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void refusesToSendWithoutATokenWithoutCallingMeta() {
        GraphApiClient client = client();
        for (String token : new String[] {null, "", "   "}) {
            GraphApiException e = catchThrowableOfType(
                    () -> client.sendText(NUMBER, token, "34600111222", "hello", null), GraphApiException.class);
            assertThat(e.getMessage()).isEqualTo("no WhatsApp access token configured for this number");
            assertThat(e.retryable()).isFalse();
            assertThat(e.httpStatus()).isZero();
        }
        assertThat(wiremock.getAllServeEvents()).isEmpty();
    }

    @Test
    void rejectsBadInputWithoutCallingMeta() {
        GraphApiClient client = client();
        assertThatThrownBy(() -> client.sendText(NUMBER, TOKEN, "+", "hello", null))
                .isInstanceOf(GraphApiException.class).hasMessageContaining("recipient");
        assertThatThrownBy(() -> client.sendText(NUMBER, TOKEN, "34600111222", "  ", null))
                .isInstanceOf(GraphApiException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> client.sendText("../x", TOKEN, "34600111222", "hello", null))
                .isInstanceOf(GraphApiException.class).hasMessageContaining("phone number id");
        assertThat(wiremock.getAllServeEvents()).isEmpty();
    }

    @Test
    void marksReadWithTypingIndicator() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("{\"success\":true}")));

        client().markReadWithTyping(NUMBER, TOKEN, "wamid.IN1", true);
        client().markReadWithTyping(NUMBER, TOKEN, "wamid.IN2", false);

        wiremock.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN1",
                         "typing_indicator":{"type":"text"}}""")));
        wiremock.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN2"}""")));
    }

    @Test
    void markReadIsBestEffort() {
        wiremock.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)));

        client().markReadWithTyping(NUMBER, TOKEN, "wamid.IN1", true);
        client().markReadWithTyping(NUMBER, null, "wamid.IN1", true);
        client().markReadWithTyping(null, TOKEN, "wamid.IN1", true);

        wiremock.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void sandboxRecordsEachPartInsteadOfCallingMeta() throws Exception {
        GraphApiClient client = new GraphApiClient(TestProperties.hub(Map.of("hub.whatsapp.graph-base-url", "sandbox")),
                mapper, (number, to, wamid, payload) -> outbox.add(new String[] {number, to, wamid, payload}));
        assertThat(client.sandbox()).isTrue();

        SendResult result = client.sendText(NUMBER, null, "+34 600-111 222", TextSplitterTest.words(9000), "wamid.IN");
        client.markReadWithTyping(NUMBER, null, "wamid.IN", true);

        assertThat(result.wamids()).hasSize(3).allSatisfy(w -> assertThat(w).startsWith("wamid.sandbox."))
                .doesNotHaveDuplicates();
        assertThat(outbox).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String[] row = outbox.get(i);
            assertThat(row[0]).isEqualTo(NUMBER);
            assertThat(row[1]).isEqualTo("34600111222");
            assertThat(row[2]).isEqualTo(result.wamids().get(i));
            JsonNode payload = mapper.readTree(row[3]);
            assertThat(payload.path("to").asText()).isEqualTo("34600111222");
            assertThat(payload.path("text").path("body").asText()).hasSizeLessThanOrEqualTo(4096);
            assertThat(payload.has("context")).isEqualTo(i == 0);
        }
        assertThat(wiremock.getAllServeEvents()).isEmpty();
    }
}
