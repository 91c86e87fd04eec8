package hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import hub.TestProperties;
import hub.config.HubProperties;
import hub.kafka.KafkaSetup.KafkaBootstrap;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up against a Kafka cluster that is not there yet, and the settings of the topics and producer. */
class TopicSetupTest {

    @TempDir
    Path dataDir;

    @Test
    void startUpWaitsForABrokerThatComesUpLaterAndCreatesTheTopics() throws Exception {
        int port = freePortPair();
        HubProperties.Kafka kafka = kafka(Map.of("hub.kafka.startup-wait", "60s"));
        // longer than one attempt's 5 s API timeout: a start-up that does not wait gives up before the broker is there
        CompletableFuture<EmbeddedKafkaBroker> broker = CompletableFuture.supplyAsync(() -> {
            sleep(Duration.ofSeconds(8));
            return EmbeddedKafkaBroker.start(dataDir, port, 1);
        });
        try {
            long started = System.nanoTime();
            TopicSetup.ensureTopics("127.0.0.1:" + port, kafka);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(7));
            try (Admin admin = Admin.create(TopicSetup.adminConfig("127.0.0.1:" + port))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .contains("whatsapp.inbound", "whatsapp.status", "knowledge.ingest");
            }
            // a second hub starting against the same cluster finds the topics there
            TopicSetup.ensureTopics("127.0.0.1:" + port, kafka);
        } finally {
            broker.get(60, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void startUpFailsOnceTheWaitIsOverWithTheReason() throws Exception {
        int port = freePortPair();
        long started = System.nanoTime();

        assertThatThrownBy(() -> TopicSetup.ensureTopics("127.0.0.1:" + port, kafka(Map.of("hub.kafka.startup-wait", "3s"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("hub.kafka.startup-wait (PT3S)")
                .hasMessageContaining("Timed out waiting for a node assignment");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void replicatedTopicsNeedTwoInSyncReplicas() {
        assertThat(TopicSetup.missingTopics(Set.of("whatsapp.status"), kafka(Map.of("hub.kafka.replication-factor", "3"))))
                .extracting(NewTopic::name, NewTopic::replicationFactor, NewTopic::configs)
                .containsExactly(
                        tuple("whatsapp.inbound", (short) 3, Map.of("min.insync.replicas", "2")),
                        tuple("knowledge.ingest", (short) 3, Map.of("min.insync.replicas", "2")));
        assertThat(TopicSetup.missingTopics(Set.of(), kafka(Map.of("hub.kafka.replication-factor", "2"))))
                .allSatisfy(t -> assertThat(t.configs()).containsEntry("min.insync.replicas", "2"));
        assertThat(TopicSetup.missingTopics(Set.of(), kafka(Map.of())))
                .as("a single broker: one replica is all there is")
                .allSatisfy(t -> assertThat(t.configs()).isEmpty());
    }

    @Test
    void theProducerWaitsForAllInSyncReplicasAndIsIdempotent() {
        KafkaComponent component = new KafkaComponent();
        new KafkaSetup().kafkaComponentCustomizer(new KafkaBootstrap("127.0.0.1:9092"), TestProperties.hub(Map.of()))
                .configure("kafka", component);

        assertThat(component.getConfiguration().getRequestRequiredAcks()).isEqualTo("all");
        assertThat(component.getConfiguration().isEnableIdempotence()).isTrue();
    }

    private static HubProperties.Kafka kafka(Map<String, String> overrides) {
        return TestProperties.hub(overrides).kafka();
    }

    /** A free port whose next port is free too: the embedded broker's controller listens there. */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket()) {
                next.bind(new InetSocketAddress("127.0.0.1", port + 1));
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two adjacent free ports");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
