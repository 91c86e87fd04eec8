package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import hub.HubApplication;
import hub.HubHttp;
import hub.TestDatabase;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A hub stopped while it is in the middle of a message (claimed, the LLM still thinking) and started
 * again on the same Kafka log: the message is answered once, by the new run.
 */
class RestartIT {

    private final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort());
    private ConfigurableApplicationContext hub;

    @AfterEach
    void tearDown() {
        if (hub != null) {
            hub.close();
        }
        fake.stop();
    }

    private ConfigurableApplicationContext startHub(Path kafkaLog) {
        return new SpringApplicationBuilder(HubApplication.class, TestDatabase.class)
                .profiles("test")
                .run("--server.port=0",
                        "--hub.instance-id=restart-it",
                        "--hub.kafka.data-dir=" + kafkaLog,
                        "--hub.whatsapp.graph-base-url=" + fake.baseUrl(),
                        "--hub.llm.openai.api-key=sk-test",
                        "--hub.llm.openai.base-url=" + fake.baseUrl() + "/v1",
                        "--hub.conversation.lease=5m",
                        // a stop does not wait for the message in flight: what a crash or a lost pod does
                        "--camel.main.shutdown-timeout=1",
                        "--spring.lifecycle.timeout-per-shutdown-phase=2s");
    }

    @Test
    void aHubStoppedInTheMiddleOfAMessageAnswersItOnceAfterTheRestart() throws Exception {
        fake.start();
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status"))
                .willReturn(okJson("{\"success\":true}")));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.restart\"}]}")));
        String answer = """
                {"id":"chatcmpl-r","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Seguimos aquí."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":5,"total_tokens":35}}""";
        // the first run's LLM call is still running when that run stops; the second run's is answered at once
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("llm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(answer).withFixedDelay(10_000)).willSetStateTo("restarted"));
        fake.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("llm").whenScenarioStateIs("restarted")
                .willReturn(okJson(answer)));

        Path kafkaLog = Files.createTempDirectory("restart-it-kafka");
        hub = startHub(kafkaLog);
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        Tenant tenant = hub.getBean(Tenants.class).create("Restart " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = 'EAAG-test-token' WHERE id = ?", tenant.chatbotId());
        String wamid = "wamid.in." + UUID.randomUUID();
        HubHttp http = new HubHttp(((WebServerApplicationContext) hub).getWebServer().getPort());
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), "34611222333", wamid, "¿Seguís ahí?"))
                .statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                fake.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))));
        assertThat(status(jdbc, wamid)).isEqualTo("processing");

        hub.close();
        hub = startHub(kafkaLog);
        JdbcTemplate restarted = hub.getBean(JdbcTemplate.class);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(status(restarted, wamid)).isEqualTo("completed"));
        // the first run was interrupted in its LLM call: nothing of it may reach the customer
        Thread.sleep(2_000);
        fake.verify(1, postRequestedFor(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text")));
        assertThat(restarted.queryForObject("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?", Integer.class,
                tenant.chatbotId())).isEqualTo(1);
        assertThat(restarted.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'assistant'",
                Integer.class, tenant.chatbotId())).isEqualTo(1);
        assertThat(restarted.queryForObject("SELECT attempts FROM webhook_events WHERE whatsapp_message_id = ?",
                Integer.class, wamid)).as("taken over by the second run").isEqualTo(2);
    }

    private static String status(JdbcTemplate jdbc, String wamid) {
        return jdbc.query("SELECT status FROM webhook_events WHERE whatsapp_message_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, wamid);
    }
}
