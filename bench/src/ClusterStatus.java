import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A Kafka cluster as its clients see it: the brokers registered, and for each topic that does
 * not start with "__" its partitions, replication factor, min.insync.replicas and partitions under-replicated or
 * without a leader. Exits 1 when the cluster cannot be reached.
 * Usage: java -cp KAFKA_CLIENTS ClusterStatus.java BOOTSTRAP [EXPECTED_BROKERS]
 *   with EXPECTED_BROKERS it exits 2 unless that many brokers are registered and no partition is under-replicated
 */
public class ClusterStatus {
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        int expected = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        try (Admin admin = Admin.create(config)) {
            var cluster = admin.describeCluster();
            var nodes = cluster.nodes().get(5, TimeUnit.SECONDS).stream().map(n -> n.id()).sorted().toList();
            System.out.println("CLUSTER brokers=" + nodes);
            List<String> topics = admin.listTopics().names().get(5, TimeUnit.SECONDS).stream()
                    .filter(t -> !t.startsWith("__")).sorted().toList();
            int unhealthy = 0;
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                String minIsr = admin.describeConfigs(List.of(resource)).all().get(5, TimeUnit.SECONDS).get(resource)
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
                long under = topic.partitions().stream().filter(p -> p.isr().size() < p.replicas().size()).count();
                long leaderless = topic.partitions().stream().filter(p -> p.leader() == null || p.leader().isEmpty()).count();
                unhealthy += under + leaderless;
                System.out.println("TOPIC " + topic.name() + " partitions=" + topic.partitions().size()
                        + " replication_factor=" + topic.partitions().get(0).replicas().size() + " min_insync_replicas=" + minIsr
                        + " under_replicated=" + under + " without_leader=" + leaderless);
            }
            if (expected > 0 && (nodes.size() != expected || unhealthy > 0)) {
                System.exit(2);
            }
        } catch (Exception e) {
            System.out.println("CLUSTER unreachable at " + args[0] + ": " + e);
            System.exit(1);
        }
    }
}
