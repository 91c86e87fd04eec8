package conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.events.DatabaseEventListener;
import hub.events.LiveEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/events}: a console's live view. A signed webhook's message, the agent's reply and the reply's
 * delivery status reach the organisation's open stream within 2 s, through PostgreSQL NOTIFY; another
 * organisation's stream hears nothing; a closed stream is forgotten.
 */
@IntegrationTest
class LiveEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveEvents liveEvents;
    @Autowired
    DatabaseEventListener listener;

    HubHttp http;
    Tenant tenant;
    final List<Stream<String>> open = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        tenant = tenants.create("Live " + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        open.forEach(Stream::close);
    }

    @Test
    void aCustomerMessageTheAgentsReplyAndItsDeliveryStatusArriveLiveWithinTwoSeconds() throws Exception {
        String customer = "346" + (10_000_000 + Math.abs(UUID.randomUUID().hashCode() % 89_999_999));
        awaitCompleted(send(customer, "Hola"));

        BlockingQueue<Event> events = stream(tenant.apiKey());
        BlockingQueue<Event> otherOrganisation = stream(tenants.create("Other " + UUID.randomUUID()).apiKey());
        await().atMost(Duration.ofSeconds(5)).until(() -> liveEvents.openStreams(tenant.organizationId()) == 1);

        long start = System.nanoTime();
        send(customer, "¿A qué hora abren?");
        Event inbound = next(events, "message", Duration.ofSeconds(2));
        assertThat(inbound.data().get("direction").asText()).isEqualTo("inbound");
        String contact = inbound.data().get("contact_id").asText();
        assertThat(contact).isEqualTo(jdbc.queryForObject("SELECT id::text FROM contacts WHERE chatbot_id = ? AND phone_number = ?",
                String.class, tenant.chatbotId(), customer));
        Event reply = next(events, "message", Duration.ofSeconds(2));
        assertThat(reply.data().get("direction").asText()).isEqualTo("outbound");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        String wamid = jdbc.queryForObject("SELECT outbound_whatsapp_message_id FROM messages WHERE id = ?", String.class,
                reply.data().get("message_id").asLong());
        start = System.nanoTime();
        http.postSignedWebhook(HubHttp.statusUpdate(tenant.phoneNumberId(), wamid, "delivered", customer));
        Event status = next(events, "status", Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(status.data().get("message_id").asLong()).isEqualTo(reply.data().get("message_id").asLong());
        assertThat(status.data().get("status").asText()).isEqualTo("delivered");
        assertThat(status.data().get("contact_id").asText()).isEqualTo(contact);

        new ApiClient(http, tenant.apiKey()).patch("/api/contacts/" + contact, Map.of("conversation_mode", "manual"));
        assertThat(next(events, "contact", Duration.ofSeconds(2)).data().get("contact_id").asText()).isEqualTo(contact);

        tenants.addKnowledge(tenant, "Preguntas frecuentes", "Abrimos a las 9:00");
        Event source = next(events, "source", Duration.ofSeconds(2));
        assertThat(source.data().get("status").asText()).isEqualTo("pending");
        assertThat(source.data().get("progress").asInt()).isZero();

        assertThat(otherOrganisation.stream().filter(e -> e.name() != null)).as("another organisation hears nothing").isEmpty();
    }

    @Test
    void aLostListenConnectionIsOpenedAgainAndEventsFlowOn() throws Exception {
        BlockingQueue<Event> events = stream(tenant.apiKey());
        await().atMost(Duration.ofSeconds(5)).until(() -> liveEvents.openStreams(tenant.organizationId()) == 1);

        // every hub the test run keeps (one LISTEN connection each) loses its connection; this one must open its own again
        List<Integer> lost = listenConnections();
        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM unnest(string_to_array(?, ',')::int[]) pid",
                lost.stream().map(String::valueOf).collect(Collectors.joining(",")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !listener.listening());
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.listening()
                && listenConnections().stream().filter(pid -> !lost.contains(pid)).count() >= lost.size());

        tenants.addKnowledge(tenant, "Envíos", "Enviamos en 24 horas");
        assertThat(next(events, "source", Duration.ofSeconds(2)).data().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aStreamNeedsAnOrganisationsKeyAndIsForgottenWhenClosed() throws Exception {
        assertThat(http.get("/api/events", null).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/events", "Bearer " + ApiClient.OPERATOR_TOKEN).statusCode()).isEqualTo(403);

        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + tenant.apiKey() + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String head = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(5)).until(() -> liveEvents.openStreams(tenant.organizationId()) == 1);
        }
        // the closed connection is noticed at the next writes: heartbeats, or events of the organisation
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            liveEvents.publish(tenant.organizationId(), "contact", "{}");
            return liveEvents.openStreams(tenant.organizationId()) == 0;
        });
    }

    private List<Integer> listenConnections() {
        return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN hub_events'",
                Integer.class);
    }

    private record Event(String name, JsonNode data) {
    }

    private BlockingQueue<Event> stream(String apiKey) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(http.url("/api/events")))
                .header("Authorization", "Bearer " + apiKey).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            open.add(r.body());
            String[] name = {null};
            try {
                r.body().forEach(line -> {
                    if (line.startsWith("event:")) {
                        name[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        try {
                            events.add(new Event(name[0], JSON.readTree(line.substring(5).strip())));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        name[0] = null;
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        return events;
    }

    private static Event next(BlockingQueue<Event> events, String name, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(event).as("a '" + name + "' event within " + within).isNotNull();
            if (name.equals(event.name())) {
                return event;
            }
        }
    }

    private String send(String customer, String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode()).isEqualTo(200);
        return wamid;
    }

    private void awaitCompleted(String wamid) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid)).containsExactly("completed"));
    }
}
