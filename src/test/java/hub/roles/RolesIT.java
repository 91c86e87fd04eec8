package hub.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubApplication;
import hub.HubHttp;
import hub.TestDatabase;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.TopicReader;
import hub.kafka.KafkaSetup.KafkaBootstrap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hubs on one Kafka and one database, through their real ports: an ingress-only hub ({@code hub.roles=ingress})
 * acknowledges webhooks into Kafka and consumes nothing; a worker ({@code conversation,knowledge,jobs}) answers what
 * the ingress stored, and its webhook, API and console paths answer 404 without anything reaching Kafka.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String OPERATOR = "Bearer test-admin-token";
    private static ConfigurableApplicationContext ingress;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void startIngress() {
        ingress = new SpringApplicationBuilder(HubApplication.class, TestDatabase.class)
                .profiles("test")
                .run("--server.port=0", "--hub.roles=ingress", "--hub.instance-id=roles-it-ingress", "--spring.jmx.unique-names=true");
    }

    @AfterAll
    static void stopHubs() {
        if (worker != null) {
            worker.close();
        }
        ingress.close();
    }

    @Test
    @Order(1) // before the worker starts
    void anIngressOnlyHubStoresWebhooksInKafkaAndAnswersNoneUntilAWorkerTakesThem() throws Exception {
        Tenant tenant = ingress.getBean(Tenants.class).create("Roles " + UUID.randomUUID());
        String wamid = "wamid.roles." + UUID.randomUUID();

        HttpResponse<String> acknowledged = new HubHttp(port(ingress))
                .postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), "34600111222", wamid, "¿Abren hoy?"));

        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(acknowledged.body()).contains("\"stored\"");
        assertThat(TopicReader.read(servers(), "whatsapp.inbound", record -> record.value().contains(wamid), 1,
                Duration.ofSeconds(20))).hasSize(1);
        Thread.sleep(3_000);
        assertThat(status(wamid)).as("nothing on the ingress consumed the message").isNull();
        try (Admin admin = admin()) {
            assertThat(admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS))
                    .as("no hub consumer group on the cluster").noneMatch(group -> group.groupId().startsWith("hub-"));
        }
        JsonNode readiness = get(ingress, "/actuator/health/readiness", OPERATOR);
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/roles/details/roles").toString()).isEqualTo("[\"ingress\"]");

        worker();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(wamid)).isEqualTo("completed/sent"));
    }

    @Test
    @Order(2)
    void aWorkerHubAnswersNotFoundOnTheWebhookApiAndConsoleAndStoresNothing() throws Exception {
        worker();
        Tenant tenant = worker.getBean(Tenants.class).create("Roles " + UUID.randomUUID());
        String wamid = "wamid.roles.closed." + UUID.randomUUID();
        long before = endOffsets();

        String body = HubHttp.textMessage(tenant.phoneNumberId(), "34600111333", wamid, "Hola");
        HttpResponse<String> webhook = send(HttpRequest.newBuilder(uri(worker, "/webhook"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", HubHttp.sign(HubHttp.APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(webhook.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(webhook.body()).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(send(HttpRequest.newBuilder(uri(worker, "/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42")))
                .statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri(worker, "/api/chatbots")).header("Authorization", "Bearer " + tenant.apiKey()))
                .statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri(worker, "/console/sign-in"))).statusCode()).isEqualTo(404);

        Thread.sleep(1_000);
        assertThat(endOffsets()).as("records on whatsapp.inbound").isEqualTo(before);
        assertThat(status(wamid)).isNull();
        JsonNode readiness = get(worker, "/actuator/health/readiness", OPERATOR);
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/roles/details/roles").toString()).isEqualTo("[\"conversation\",\"knowledge\",\"jobs\"]");
        assertThat(send(HttpRequest.newBuilder(uri(worker, "/actuator/health/readiness"))).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    private static synchronized void worker() {
        if (worker == null) {
            worker = new SpringApplicationBuilder(HubApplication.class, TestDatabase.class)
                    .profiles("test")
                    .run("--server.port=0", "--hub.roles=conversation,knowledge,jobs", "--hub.instance-id=roles-it-worker",
                            "--hub.kafka.brokers=" + servers(), "--spring.jmx.unique-names=true");
        }
    }

    private static String servers() {
        return ingress.getBean(KafkaBootstrap.class).servers();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers()));
    }

    private static long endOffsets() throws Exception {
        try (Admin admin = admin()) {
            var partitions = admin.describeTopics(java.util.List.of("whatsapp.inbound")).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get("whatsapp.inbound").partitions().stream()
                    .collect(java.util.stream.Collectors.toMap(p -> new TopicPartition("whatsapp.inbound", p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    private static String status(String wamid) {
        return ingress.getBean(JdbcTemplate.class).query(
                "SELECT status || '/' || coalesce(reply_status, '') FROM webhook_events WHERE whatsapp_message_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, wamid);
    }

    private static JsonNode get(ConfigurableApplicationContext hub, String path, String authorization) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(hub, path)).header("Authorization", authorization)).body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext hub, String path) {
        return URI.create("http://127.0.0.1:" + port(hub) + path);
    }

    private static int port(ConfigurableApplicationContext hub) {
        return ((WebServerApplicationContext) hub).getWebServer().getPort();
    }
}
