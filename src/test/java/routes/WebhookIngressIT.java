package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.TopicReader;
import hub.kafka.KafkaSetup.KafkaBootstrap;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The webhook over real HTTP into the embedded broker. */
@IntegrationTest
class WebhookIngressIT {

    @LocalServerPort
    int port;
    @Autowired
    KafkaBootstrap kafka;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    CamelContext camel;

    HubHttp http;
    String run;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        run = UUID.randomUUID().toString();
    }

    @Test
    void aSignedEventIsAcknowledgedOnlyWithEveryRecordOnTheTopics() throws Exception {
        String body = fixture("multi-entry.json").replace("wamid.", "wamid." + run + ".")
                .replace("\"wamid.OUT", "\"wamid." + run + ".OUT");

        HttpResponse<String> response = http.postSignedWebhook(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(response.body()).get("records").asInt()).isEqualTo(6);
        List<ConsumerRecord<String, String>> inbound = read("whatsapp.inbound", 6);
        assertThat(inbound).hasSize(6);
        assertThat(inbound).extracting(ConsumerRecord::key).contains("106540352242922:16505551234", "106540352242923:5215512345678");
        JsonNode first = inbound.stream().map(this::json).filter(r -> r.get("from").asText().equals("16505551234"))
                .findFirst().orElseThrow();
        assertThat(first.get("text").asText()).isEqualTo("Does it come in another color?");
        assertThat(first.get("phoneNumberId").asText()).isEqualTo("106540352242922");
        // per-conversation order is kept: the four messages of one sender arrive in the order sent
        assertThat(inbound.stream().filter(r -> r.key().endsWith(":5215512345678")).map(r -> json(r).get("type").asText()))
                .containsExactly("image", "interactive", "sticker", "unsupported");
    }

    @Test
    void statusesAndErrorsGoToTheStatusTopic() throws Exception {
        String statuses = fixture("statuses-only.json").replace("wamid.OUT", "wamid." + run + ".OUT");
        String errors = fixture("errors.json").replace("106540352242922", "999" + Math.abs(run.hashCode()));

        assertThat(http.postSignedWebhook(statuses).statusCode()).isEqualTo(200);
        assertThat(http.postSignedWebhook(errors).statusCode()).isEqualTo(200);

        assertThat(read("whatsapp.status", 2)).extracting(r -> json(r).get("status").asText())
                .containsExactly("delivered", "failed");
        List<ConsumerRecord<String, String>> errorRecords = TopicReader.read(kafka.servers(), "whatsapp.status",
                r -> r.value().contains("\"kind\":\"error\"") && r.value().contains("999" + Math.abs(run.hashCode())),
                1, Duration.ofSeconds(15));
        assertThat(errorRecords).hasSize(1);
    }

    @Test
    void aBadOrMissingSignatureIs401AndNothingIsEnqueued() throws Exception {
        String phone = "5550" + Math.abs(run.hashCode());
        String forged = HubHttp.textMessage(phone, "34600000001", "wamid." + run + ".forged", "hola");
        String unsigned = HubHttp.textMessage(phone, "34600000001", "wamid." + run + ".unsigned", "hola");
        String genuine = HubHttp.textMessage(phone, "34600000001", "wamid." + run + ".genuine", "hola");

        HttpResponse<String> wrong = http.postWebhook(forged, HubHttp.sign("not-the-app-secret", forged));
        HttpResponse<String> missing = http.postWebhook(unsigned, null);
        HttpResponse<String> tampered = http.postWebhook(forged.replace("hola", "HOLA"), HubHttp.sign(HubHttp.APP_SECRET, forged));

        for (HttpResponse<String> response : List.of(wrong, missing, tampered)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(mapper.readTree(response.body()).at("/error/code").asText()).isEqualTo("unauthorized");
        }
        // same conversation key, so the genuine message lands behind anything the others had enqueued
        assertThat(http.postSignedWebhook(genuine).statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, String>> records = read("whatsapp.inbound", 1);
        assertThat(records).extracting(r -> json(r).get("wamid").asText()).containsExactly("wamid." + run + ".genuine");
    }

    @Test
    void malformedOversizedAndForeignBodiesAreAnsweredClearly() throws Exception {
        String malformed = "{\"object\":\"whatsapp_business_account\",";
        HttpResponse<String> bad = http.postWebhook(malformed, HubHttp.sign(HubHttp.APP_SECRET, malformed));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(bad.body()).at("/error/code").asText()).isEqualTo("invalid_json");

        String page = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}";
        HttpResponse<String> ignored = http.postSignedWebhook(page);
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(ignored.body()).get("status").asText()).isEqualTo("ignored");

        String huge = "{\"object\":\"whatsapp_business_account\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> tooLarge = http.postSignedWebhook(huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(mapper.readTree(tooLarge.body()).at("/error/code").asText()).isEqualTo("payload_too_large");

        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(http.url("/webhook")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build());
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void subscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        HttpResponse<String> ok = http.get("/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));

        assertThat(http.get("/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1", null).statusCode()).isEqualTo(403);
        assertThat(http.get("/webhook?hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1", null).statusCode()).isEqualTo(403);
        assertThat(http.get("/webhook?hub.mode=subscribe&hub.challenge=1", null).statusCode()).isEqualTo(403);
        assertThat(http.get("/webhook", null).statusCode()).isEqualTo(403);
    }

    @Test
    void whileTheWebhookRouteIsStoppedMetaIsToldToRetryAndTheRetryIsStoredOnceItRunsAgain() throws Exception {
        String event = HubHttp.textMessage("5551" + Math.abs(run.hashCode()), "34600000002", "wamid." + run + ".retried", "hola");
        camel.getRouteController().stopRoute("whatsapp-webhook");
        HttpResponse<String> stopped;
        try {
            stopped = http.postSignedWebhook(event);
        } finally {
            camel.getRouteController().startRoute("whatsapp-webhook");
        }
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(mapper.readTree(stopped.body()).at("/error/code").asText()).isEqualTo("starting");

        assertThat(http.postSignedWebhook(event).statusCode()).isEqualTo(200);
        assertThat(read("whatsapp.inbound", 1)).extracting(r -> json(r).get("wamid").asText()).containsExactly("wamid." + run + ".retried");
    }

    private List<ConsumerRecord<String, String>> read(String topic, int expected) {
        return TopicReader.read(kafka.servers(), topic, r -> r.value().contains(run), expected, Duration.ofSeconds(15));
    }

    private JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/webhooks", name), StandardCharsets.UTF_8);
    }
}
