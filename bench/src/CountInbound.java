import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic to its end and counts the records whose wamid starts with PREFIX: total and distinct.
 * With ACKED_FILE (one wamid per line, the ones the hub answered 200 to) it also checks that every
 * acknowledged wamid is on the topic and prints the missing count.
 * Usage: java -cp KAFKA_CLIENTS CountInbound.java BOOTSTRAP TOPIC PREFIX [ACKED_FILE]
 */
public class CountInbound {
    private static final Pattern WAMID = Pattern.compile("\"wamid\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String prefix = args[2];
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "count-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        long total = 0;
        Set<String> distinct = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(args[1]));
            int emptyPolls = 0;
            while (emptyPolls < 10) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (var record : records) {
                    Matcher m = WAMID.matcher(record.value());
                    if (m.find() && m.group(1).startsWith(prefix)) {
                        total++;
                        distinct.add(m.group(1));
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("TOPIC records=" + total + " distinct=" + distinct.size());
        if (args.length > 3) {
            List<String> acked = Files.readAllLines(Path.of(args[3]));
            long missing = acked.stream().filter(w -> !distinct.contains(w)).count();
            out.append(" acknowledged=").append(acked.size()).append(" missing=").append(missing);
        }
        System.out.println(out);
    }
}
