package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.kafka.KafkaSetup.KafkaBootstrap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 10,000 generated and mutated webhook bodies and signatures against the running hub, and 1,000 raw byte
 * bodies (invalid UTF-8, cut, random) under mixed media types: nothing without a valid signature reaches
 * Kafka, no answer is a 5xx (a 503 would make Meta retry for days what fails the same way every time), and
 * the hub and its consumers go on working afterwards. The generators are seeded, so a failure can be replayed.
 */
@IntegrationTest
class WebhookFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    private static final int BODIES = Integer.getInteger("fuzz.bodies", 10_000);
    private static final List<String> TOPICS = List.of("whatsapp.inbound", "whatsapp.status");

    @LocalServerPort
    int port;
    @Autowired
    KafkaBootstrap kafka;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void mutatedBodiesAndSignaturesNeverEnqueueUnsignedDataNorBreakTheHub() throws Exception {
        HubHttp http = new HubHttp(port);
        Mutator mutator = new Mutator(new Random(SEED), seeds());

        // half of the bodies with a missing or wrong signature: refused, and the topics do not move
        long before = endOffsets();
        Map<Integer, Integer> unsigned = post(BODIES / 2, i -> {
            String body = mutator.body();
            return http.postWebhook(body, mutator.badSignature(body));
        });
        assertThat(unsigned.keySet()).as("answers to unsigned bodies %s", unsigned).allMatch(s -> s == 401 || s == 413 || s == 415);
        assertThat(endOffsets()).as("records on %s after unsigned bodies", TOPICS).isEqualTo(before);

        // the other half correctly signed: 200 or a 4xx, never a 5xx
        Map<Integer, Integer> signed = post(BODIES - BODIES / 2, i -> http.postSignedWebhook(mutator.body()));
        assertThat(signed.keySet()).as("answers to signed bodies %s", signed)
                .allMatch(s -> s == 200 || s == 400 || s == 413 || s == 415);
        assertThat(signed.getOrDefault(200, 0)).as("signed bodies accepted %s", signed).isGreaterThan(BODIES / 20);

        // afterwards the hub still takes a normal message through the pipeline
        String wamid = "wamid.after-fuzz." + UUID.randomUUID();
        String unknownNumber = "555" + Math.abs(wamid.hashCode());
        assertThat(http.postSignedWebhook(HubHttp.textMessage(unknownNumber, "34600999888", wamid, "hola")).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, wamid))
                .containsExactly("unknown_number"));
        assertThat(http.get("/actuator/health", null).body()).contains("\"status\":\"UP\"");
    }

    @Test
    void rawBytesUnderAnyMediaTypeAreJudgedNeverRetried() throws Exception {
        HubHttp http = new HubHttp(port);
        Random random = new Random(SEED + 1);
        List<byte[]> seeds = new ArrayList<>();
        for (JsonNode seed : seeds()) {
            seeds.add(seed.toString().getBytes(StandardCharsets.UTF_8));
        }
        List<HttpRequest> badlySigned = new ArrayList<>();
        List<HttpRequest> signed = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            byte[] body = rawBody(random, seeds.get(random.nextInt(seeds.size())));
            String contentType = RAW_CONTENT_TYPES.get(random.nextInt(RAW_CONTENT_TYPES.size()));
            if (random.nextBoolean()) {
                signed.add(rawPost(http, body, contentType, sign(body)));
            } else {
                badlySigned.add(rawPost(http, body, contentType, badSignature(random, body)));
            }
        }

        long before = endOffsets();
        Map<Integer, Integer> refused = post(badlySigned.size(), i -> http.send(badlySigned.get(i)));
        assertThat(endOffsets()).as("records on %s after badly signed bodies %s", TOPICS, refused).isEqualTo(before);
        assertThat(refused.keySet()).as("answers to badly signed bodies %s", refused)
                .allMatch(s -> s == 401 || s == 413 || s == 415);

        Map<Integer, Integer> judged = post(signed.size(), i -> http.send(signed.get(i)));
        assertThat(judged.keySet()).as("answers to signed bodies %s", judged)
                .allMatch(s -> s == 200 || s == 400 || s == 413 || s == 415);
        assertThat(judged.getOrDefault(200, 0)).as("signed bodies accepted %s", judged).isPositive();
        assertThat(judged.getOrDefault(400, 0)).as("signed bodies refused as unreadable %s", judged).isPositive();
    }

    private static final List<String> RAW_CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=ISO-8859-1", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "none", "not a media type", "application/", ";;;", "*/*");

    /** A seed body with invalid UTF-8 spliced in, cut short, replaced by random bytes, or left as it is. */
    private static byte[] rawBody(Random random, byte[] seed) {
        byte[][] invalidUtf8 = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0x80}, {(byte) 0xc0, (byte) 0xaf},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        return switch (random.nextInt(5)) {
            case 0 -> {
                byte[] bad = invalidUtf8[random.nextInt(invalidUtf8.length)];
                int at = random.nextInt(seed.length);
                byte[] body = new byte[seed.length + bad.length];
                System.arraycopy(seed, 0, body, 0, at);
                System.arraycopy(bad, 0, body, at, bad.length);
                System.arraycopy(seed, at, body, at + bad.length, seed.length - at);
                yield body;
            }
            case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2 -> {
                byte[] body = new byte[random.nextInt(4096)];
                random.nextBytes(body);
                yield body;
            }
            case 3 -> {
                byte[] body = seed.clone();
                for (int i = random.nextInt(8) + 1; i > 0; i--) {
                    body[random.nextInt(body.length)] = (byte) (0x80 + random.nextInt(128));
                }
                yield body;
            }
            default -> seed;
        };
    }

    private static String badSignature(Random random, byte[] body) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "sha256=" + "0".repeat(64);
            case 2 -> sign(Arrays.copyOf(body, body.length + 1));
            default -> "sha256=zz";
        };
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HubHttp.APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest rawPost(HubHttp http, byte[] body, String contentType, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url("/webhook")))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!"none".equals(contentType)) {
            request.header("Content-Type", contentType);
        }
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.build();
    }

    /** Posts {@code count} requests from 8 threads; answers counted by HTTP status. */
    private static Map<Integer, Integer> post(int count, Function<Integer, HttpResponse<String>> request) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < count; i++) {
                int n = i;
                pool.submit(() -> statuses.computeIfAbsent(request.apply(n).statusCode(), s -> new AtomicInteger()).incrementAndGet());
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.get()));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
        return counts;
    }

    private long endOffsets() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.servers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private List<JsonNode> seeds() throws IOException {
        List<JsonNode> seeds = new ArrayList<>();
        try (var files = Files.list(Path.of("src/test/resources/webhooks"))) {
            for (Path file : files.sorted().toList()) {
                seeds.add(mapper.readTree(Files.readString(file)));
            }
        }
        return seeds;
    }

    /** Generates webhook bodies: Meta's shapes with values of the wrong type, bytes flipped, cut, nested deep ... */
    private final class Mutator {

        private static final String[] ODD_VALUES = {"null", "true", "0", "-1", "1e309", "123456789012345678901234567890",
                "\"\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "\"%s\"", "\"' OR 1=1 --\"", "\"<script>alert(1)</script>\"",
                "\"..\\/..\\/etc\\/passwd\"", "\"\\u202e\\u0645\\u0631\\u062d\\u0628\\u0627 😀\""};

        private final Random random;
        private final List<JsonNode> seeds;

        Mutator(Random random, List<JsonNode> seeds) {
            this.random = random;
            this.seeds = seeds;
        }

        synchronized String body() {
            JsonNode tree = seeds.get(random.nextInt(seeds.size())).deepCopy();
            String wamidPrefix = "wamid.fuzz." + random.nextInt(1_000_000) + ".";
            String json = mutateTree(tree).toString().replace("wamid.", wamidPrefix);
            return switch (random.nextInt(10)) {
                case 0 -> flipBytes(json);
                case 1 -> json.substring(0, random.nextInt(json.length() + 1));
                case 2 -> nested(random.nextInt(5000) + 1);
                case 3 -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
                case 4 -> json.replaceFirst("\\{", "{\"object\":\"whatsapp_business_account\",");
                case 5 -> json + json;
                default -> json;
            };
        }

        synchronized String badSignature(String body) {
            return switch (random.nextInt(7)) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> HubHttp.sign("not-the-app-secret", body);
                case 3 -> HubHttp.sign(HubHttp.APP_SECRET, body + " ");
                case 4 -> "sha256=" + "0".repeat(64);
                case 5 -> HubHttp.sign(HubHttp.APP_SECRET, body).replace("sha256=", "sha1=");
                default -> HubHttp.sign(HubHttp.APP_SECRET, body).substring(0, 20);
            };
        }

        /** Replaces a few random nodes of the tree with values of another type or shape. */
        private JsonNode mutateTree(JsonNode tree) {
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                List<JsonNode> containers = new ArrayList<>();
                collect(tree, containers);
                JsonNode container = containers.get(random.nextInt(containers.size()));
                JsonNode value = odd();
                if (container instanceof ObjectNode object && object.size() > 0) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    String name = names.get(random.nextInt(names.size()));
                    if (random.nextInt(4) == 0) {
                        object.remove(name);
                    } else {
                        object.set(name, value);
                    }
                } else if (container instanceof ArrayNode array) {
                    if (array.size() > 0 && random.nextBoolean()) {
                        array.set(random.nextInt(array.size()), value);
                    } else {
                        array.add(value);
                    }
                }
            }
            return tree;
        }

        private void collect(JsonNode node, List<JsonNode> containers) {
            if (node.isContainerNode()) {
                containers.add(node);
                node.forEach(child -> collect(child, containers));
            }
        }

        private JsonNode odd() {
            String value = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
            if (value.contains("%s")) {
                value = value.formatted("x".repeat(random.nextInt(70_000)));
            }
            try {
                return mapper.readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String flipBytes(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            for (int i = random.nextInt(8) + 1; i > 0 && bytes.length > 0; i--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private String nested(int depth) {
            return "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        }
    }
}
