package hub.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each consumer group is behind on the hub's topics, from the broker's own numbers: the end offset of each
 * partition less the group's committed offset (the partition's first offset when the group committed none there yet).
 * Only groups that committed on a topic count for it.
 */
final class ConsumerLag {

    /** A consumer group on one topic. */
    record TopicGroup(String topic, String group) {
    }

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final Collection<String> topics;

    ConsumerLag(Admin admin, Collection<String> topics) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
    }

    Map<TopicGroup, Long> read() throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());

        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (groups.isEmpty()) {
            return Map.of();
        }
        ListConsumerGroupOffsetsSpec onHubTopics = new ListConsumerGroupOffsetsSpec().topicPartitions(partitions);
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                .collect(Collectors.toMap(ConsumerGroupListing::groupId, g -> onHubTopics, (a, b) -> a));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                admin.listConsumerGroupOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Map<TopicGroup, Long> lag = new LinkedHashMap<>();
        committed.forEach((group, offsets) -> {
            Map<String, Long> byTopic = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    byTopic.merge(partition.topic(), 0L, Long::sum);
                }
            });
            for (TopicPartition partition : partitions) {
                if (byTopic.containsKey(partition.topic())) {
                    OffsetAndMetadata offset = offsets.get(partition);
                    long from = offset != null ? offset.offset() : starts.getOrDefault(partition, 0L);
                    byTopic.merge(partition.topic(), Math.max(0, ends.getOrDefault(partition, 0L) - from), Long::sum);
                }
            }
            byTopic.forEach((topic, behind) -> lag.put(new TopicGroup(topic, group), behind));
        });
        return lag;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
