package hub.kafka;

import java.util.concurrent.TimeUnit;

import hub.config.HubProperties;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the hub's Kafka lives: the embedded broker when {@code hub.kafka.brokers} is empty, the
 * configured cluster otherwise. Same topics and routes either way.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaSetup {

    /** Bootstrap servers of whichever Kafka the hub uses; its topics exist once this bean exists. */
    public record KafkaBootstrap(String servers) {
    }

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBrokerHolder embeddedKafkaBroker(HubProperties hub) {
        HubProperties.Kafka kafka = hub.kafka();
        if (!kafka.embedded()) {
            return new EmbeddedKafkaBrokerHolder(null);
        }
        return new EmbeddedKafkaBrokerHolder(EmbeddedKafkaBroker.start(
                kafka.dataDir(), kafka.embeddedPort(), kafka.topics().inboundPartitions()));
    }

    @Bean
    KafkaBootstrap kafkaBootstrap(HubProperties hub, EmbeddedKafkaBrokerHolder embedded) {
        String servers = embedded.broker() != null ? embedded.broker().bootstrapServers() : hub.kafka().brokers();
        TopicSetup.ensureTopics(servers, hub.kafka());
        return new KafkaBootstrap(servers);
    }

    /** Points Camel's kafka component at the hub's Kafka, with producer settings that make a 200 mean "stored". */
    @Bean
    ComponentCustomizer kafkaComponentCustomizer(KafkaBootstrap bootstrap, HubProperties hub) {
        long ackTimeoutMs = hub.webhook().ackTimeout().toMillis();
        return ComponentCustomizer.forType(KafkaComponent.class, component -> {
            var config = component.getConfiguration();
            config.setBrokers(bootstrap.servers());
            config.setRequestRequiredAcks("all");
            config.setEnableIdempotence(true);
            config.setLingerMs((int) hub.kafka().linger().toMillis());
            // A record not acknowledged within the ack timeout fails the send, and the webhook answers 503.
            config.setRequestTimeoutMs((int) Math.max(1000, ackTimeoutMs - 1000));
            config.setDeliveryTimeoutMs((int) ackTimeoutMs);
            config.setMaxBlockMs((int) Math.max(1000, ackTimeoutMs / 2));
        });
    }

    /** One admin client for health checks, instead of a new client (and its threads) per probe. */
    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaBootstrap bootstrap) {
        return Admin.create(TopicSetup.adminConfig(bootstrap.servers()));
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin kafkaAdmin) {
        return () -> {
            try {
                var cluster = kafkaAdmin.describeCluster();
                int nodes = cluster.nodes().get(3, TimeUnit.SECONDS).size();
                return Health.up()
                        .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                        .withDetail("brokers", nodes)
                        .build();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
            }
        };
    }

    /** Holds the embedded broker, or nothing when an external cluster is configured. */
    public record EmbeddedKafkaBrokerHolder(EmbeddedKafkaBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
