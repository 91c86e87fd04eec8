package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.TopicReader;
import hub.kafka.KafkaSetup.KafkaBootstrap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request bodies are capped while they stream: chunked bodies without a length, lengths that lie,
 * and every spelling of the webhook's path get 413 (or another refusal) after at most the limit, and
 * the hub neither buffers the rest nor stops answering webhooks meanwhile. Limits are the defaults:
 * 1 MiB for the webhook and the API.
 */
@IntegrationTest
class RequestBodyLimitIT {

    private static final long MIB = 1024 * 1024;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Tenants tenants;
    @Autowired
    KafkaBootstrap kafka;

    HubHttp http;
    RawHttp raw;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        raw = new RawHttp(port);
    }

    @Test
    void aChunkedWebhookOf200MegabytesIsRefusedAfterTheLimitWithoutFillingTheHeap() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (streaming.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        // signed webhooks on other connections while the big body streams: answered, and promptly
        CompletableFuture<List<Long>> webhookMillis = CompletableFuture.supplyAsync(() -> {
            List<Long> millis = new ArrayList<>();
            while (streaming.get() || millis.size() < 10) {
                long start = System.nanoTime();
                String body = HubHttp.textMessage("555" + System.nanoTime() % 1_000_000, "34600111222",
                        "wamid.during-big-body." + UUID.randomUUID(), "hola");
                assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            return millis;
        }, task -> new Thread(task).start());

        RawHttp.Answer answer;
        try {
            answer = raw.chunked("POST", "/webhook", JSON, 200 * MIB, (byte) 'x');
        } finally {
            streaming.set(false);
            sampler.join();
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();

        assertThat(answer.status()).isEqualTo(413);
        assertThat(mapper.readTree(answer.body()).at("/error/code").asText()).isEqualTo("payload_too_large");
        // what the client got into the socket before the hub closed it: the limit plus the kernel's socket buffers
        assertThat(answer.bodyBytesSent()).isLessThan(32 * MIB);
        // while streaming, the heap holds the limit plus what the rest of the hub allocates meanwhile: young garbage of
        // the concurrent webhooks and the consumers, not yet collected, which grows with the machine's speed (up to 60 MB
        // seen); a buffered body would be 200 MB and more
        assertThat(peak.get() - before).as("heap growth while streaming").isLessThan(100 * MIB);
        // nothing of it is kept afterwards
        assertThat(after - before).as("heap retained afterwards").isLessThan(MIB + 16 * MIB);
        assertThat(webhookMillis.get(60, TimeUnit.SECONDS)).as("webhook answer times (ms)").allMatch(ms -> ms < 2000);
    }

    @Test
    void lengthsThatLieAndOtherSpellingsOfThePathDoNotGetPastTheLimit() throws Exception {
        String wamid = "wamid.lying-length." + UUID.randomUUID();
        byte[] event = HubHttp.textMessage("106540352242922", "34600111222", wamid, "hola").getBytes(StandardCharsets.UTF_8);
        byte[] longer = new byte[2 * (int) MIB];
        System.arraycopy(event, 0, longer, 0, event.length);

        // a small declared length, signed for the whole body: only the declared bytes are the body, and they are not signed
        RawHttp.Answer small = raw.declared("POST", "/webhook",
                Map.of("Content-Type", "application/json", "X-Hub-Signature-256", HubHttp.sign(HubHttp.APP_SECRET, new String(event, StandardCharsets.UTF_8))),
                "10", longer);
        assertThat(small.status()).isEqualTo(401);
        // a length far over the limit: refused before a byte is read
        RawHttp.Answer huge = raw.declared("POST", "/webhook", JSON, "10000000000", event);
        assertThat(huge.status()).isEqualTo(413);

        for (String path : List.of("/webhook/", "//webhook", "/%77ebhook", "/webhook;x=1", "/./webhook", "/api/../webhook",
                "/WEBHOOK", "/webhook%2f", "/webhook/.", "/%2e/webhook")) {
            RawHttp.Answer answer = raw.chunked("POST", path, JSON, 64 * MIB, (byte) ' ');
            assertThat(answer.status()).as(path + ": " + answer.body()).isBetween(400, 499);
            // what is not read is not kept either: the connection is closed long before the body ends
            assertThat(answer.bodyBytesSent()).as(path).isLessThan(32 * MIB);
        }
        assertThat(TopicReader.read(kafka.servers(), "whatsapp.inbound", r -> r.value().contains(wamid), 1,
                Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void apiBodiesOverTheApiLimitAreRefusedWhileTheyStream() throws Exception {
        Tenant tenant = tenants.create("Body limit " + UUID.randomUUID());
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + tenant.apiKey());

        RawHttp.Answer message = raw.chunked("POST", "/api/contacts/" + UUID.randomUUID() + "/messages", headers, 5 * MIB, (byte) ' ');
        assertThat(message.status()).isEqualTo(413);
        assertThat(mapper.readTree(message.body()).at("/error/code").asText()).isEqualTo("payload_too_large");

        RawHttp.Answer chatbot = raw.chunked("PATCH", "/api/chatbots/" + tenant.chatbotId(), headers, 5 * MIB, (byte) ' ');
        assertThat(chatbot.status()).isEqualTo(413);

        // an upload keeps its own limit (10 MiB) while it streams: a chunked multipart body of 64 MiB stops soon after it
        RawHttp.Answer upload = raw.chunked("POST", "/api/chatbots/" + tenant.chatbotId() + "/knowledge/upload",
                Map.of("Content-Type", "multipart/form-data; boundary=limit", "Authorization", "Bearer " + tenant.apiKey()),
                64 * MIB, (byte) 'x');
        assertThat(upload.status()).as(upload.body()).isEqualTo(413);
        assertThat(upload.bodyBytesSent()).isLessThan(32 * MIB);

        // a body within the limit is read and judged as usual
        HttpResponse<String> normal = http.send(HttpRequest.newBuilder(URI.create(
                        http.url("/api/chatbots/" + tenant.chatbotId())))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + tenant.apiKey())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Renamed\"}")).build());
        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(200);
    }
}
