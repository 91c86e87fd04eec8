package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.HubApplication;
import hub.HubHttp;
import hub.TestDatabase;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A hub stopped in the middle of a burst and started again on the same Kafka log: the burst is answered
 * once, by the new run, whether it was still waiting for its window or its LLM call was in flight.
 */
class BurstRestartIT {

    private static final String ANSWER = """
            {"id":"chatcmpl-r","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Seguimos aquí."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":30,"completion_tokens":5,"total_tokens":35}}""";

    private final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort());
    private ConfigurableApplicationContext hub;
    private Path kafkaLog;

    @BeforeEach
    void setUp() throws Exception {
        fake.start();
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status"))
                .willReturn(okJson("{\"success\":true}")));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
        kafkaLog = Files.createTempDirectory("burst-restart-it-kafka");
    }

    @AfterEach
    void tearDown() {
        if (hub != null) {
            hub.close();
        }
        fake.stop();
    }

    private ConfigurableApplicationContext startHub(String window) {
        return new SpringApplicationBuilder(HubApplication.class, TestDatabase.class)
                .profiles("test")
                .run("--server.port=0",
                        "--hub.instance-id=burst-restart-it",
                        "--hub.kafka.data-dir=" + kafkaLog,
                        "--hub.whatsapp.graph-base-url=" + fake.baseUrl(),
                        "--hub.llm.openai.api-key=sk-test",
                        "--hub.llm.openai.base-url=" + fake.baseUrl() + "/v1",
                        "--hub.conversation.lease=5m",
                        "--hub.conversation.burst-window=" + window,
                        "--camel.main.shutdown-timeout=1",
                        "--spring.lifecycle.timeout-per-shutdown-phase=2s");
    }

    @Test
    void aBurstStillWaitingWhenTheHubStopsIsAnsweredOnceAfterTheRestart() throws Exception {
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(ANSWER)));
        hub = startHub("5s");
        Tenant tenant = tenant();
        List<String> wamids = sendBurst(tenant);
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM webhook_events WHERE whatsapp_message_id = ANY(?) AND burst_due_at IS NOT NULL",
                Integer.class, (Object) wamids.toArray(String[]::new))).isEqualTo(3));

        hub.close();
        fake.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        hub = startHub("5s");

        assertAnsweredOnce(tenant, wamids);
    }

    @Test
    void aBurstWhoseAnswerWasInFlightWhenTheHubStoppedIsAnsweredOnceAfterTheRestart() throws Exception {
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("llm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(ANSWER).withFixedDelay(10_000)).willSetStateTo("restarted"));
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("llm").whenScenarioStateIs("restarted")
                .willReturn(okJson(ANSWER)));
        hub = startHub("1s");
        Tenant tenant = tenant();
        List<String> wamids = sendBurst(tenant);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))));

        hub.close();
        hub = startHub("1s");

        assertAnsweredOnce(tenant, wamids);
        fake.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private Tenant tenant() {
        Tenant tenant = hub.getBean(Tenants.class).create("Burst restart " + UUID.randomUUID());
        hub.getBean(JdbcTemplate.class).update(
                "UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = 'EAAG-test-token' WHERE id = ?",
                tenant.chatbotId());
        return tenant;
    }

    private List<String> sendBurst(Tenant tenant) throws InterruptedException {
        HubHttp http = new HubHttp(((WebServerApplicationContext) hub).getWebServer().getPort());
        List<String> wamids = new ArrayList<>();
        for (String text : new String[] {"hola", "una pregunta", "cuanto cuesta el plan pro"}) {
            String wamid = "wamid.in." + UUID.randomUUID();
            assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), "34611222333", wamid, text))
                    .statusCode()).isEqualTo(200);
            wamids.add(wamid);
            Thread.sleep(300);
        }
        return wamids;
    }

    private void assertAnsweredOnce(Tenant tenant, List<String> wamids) throws InterruptedException {
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status || '/' || coalesce(reply_status, '-') FROM webhook_events WHERE whatsapp_message_id = ANY(?)",
                String.class, (Object) wamids.toArray(String[]::new))).hasSize(3).containsOnly("completed/sent"));
        Thread.sleep(2_000);
        fake.verify(1, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'assistant'",
                Integer.class, tenant.chatbotId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'user' "
                + "AND answered_by_message_id IS NOT NULL", Integer.class, tenant.chatbotId())).isEqualTo(3);
    }
}
