package hub.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import hub.config.HubProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Creates the hub's topics that are missing. A cluster that cannot be reached yet (brokers still starting, fewer
 * brokers registered than the replication factor, names not resolvable yet) is waited for with growing pauses, up
 * to {@code hub.kafka.startup-wait} in all; only then does start-up fail.
 */
final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final int MIN_IN_SYNC_REPLICAS = 2;

    private TopicSetup() {
    }

    static void ensureTopics(String servers, HubProperties.Kafka kafka) {
        long deadline = System.nanoTime() + kafka.startupWait().toNanos();
        BackOffExecution pauses = pauses().start();
        while (true) {
            try {
                createMissing(servers, kafka);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while setting up the Kafka topics", e);
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                long pause = pauses.nextBackOff();
                if (aWaitCannotFix(cause) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
                    throw new IllegalStateException("Kafka at " + servers + " could not be used within hub.kafka.startup-wait ("
                            + kafka.startupWait() + "): " + cause, cause);
                }
                log.warn("Kafka at {} is not ready ({}); trying again in {} ms (hub.kafka.startup-wait {})",
                        servers, cause.getMessage(), pause, kafka.startupWait());
                sleep(pause);
            }
        }
    }

    /** The topics {@code existing} lacks, each with the replication factor and, when replicated, two in-sync replicas. */
    static List<NewTopic> missingTopics(Set<String> existing, HubProperties.Kafka kafka) {
        HubProperties.Topics t = kafka.topics();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        partitions.put(t.inbound(), t.inboundPartitions());
        partitions.put(t.status(), t.statusPartitions());
        partitions.put(t.knowledgeIngest(), t.knowledgeIngestPartitions());
        short replicas = kafka.replicationFactor();
        // a write acknowledged by "all" is then on at least two brokers, and a single broker down stops no writes
        Map<String, String> configs = replicas > 1
                ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(MIN_IN_SYNC_REPLICAS, replicas)))
                : Map.of();
        List<NewTopic> missing = new ArrayList<>();
        partitions.forEach((name, count) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, count, replicas).configs(configs));
            }
        });
        return missing;
    }

    static Map<String, Object> adminConfig(String servers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(3).toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(5).toMillis());
    }

    private static void createMissing(String servers, HubProperties.Kafka kafka) throws Exception {
        // a new client per attempt: one whose bootstrap names did not resolve yet cannot even be created
        try (Admin admin = Admin.create(adminConfig(servers))) {
            List<NewTopic> missing = missingTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS), kafka);
            if (missing.isEmpty()) {
                return;
            }
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                    log.info("Created Kafka topic {}", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // another hub starting at the same time created it first
                }
            }
        }
    }

    private static ExponentialBackOff pauses() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(10_000);
        return backOff;
    }

    private static boolean aWaitCannotFix(Throwable cause) {
        return cause instanceof AuthenticationException || cause instanceof AuthorizationException
                || cause instanceof UnsupportedVersionException || cause instanceof InvalidConfigurationException
                || cause instanceof PolicyViolationException;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }
}
