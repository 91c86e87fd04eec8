package hub.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static hub.FakeOutside.answer;
import static hub.FakeOutside.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ApiClient;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The business metrics of /actuator/prometheus on the whole hub: a customer's conversation (answered messages, one with
 * a tool call, messages not answered for a reason, an LLM failure, a delivery status) is counted as the database
 * records it, and the Grafana dashboards and Prometheus alert rules in ops/ use only metrics the hub exports.
 */
@TestPropertySource(properties = "hub.metrics.refresh-interval=300ms")
class BusinessMetricsIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);

    @Autowired
    Admin kafkaAdmin;

    private String chatbot;
    private String organization;
    private UUID integration;

    @BeforeEach
    void toolAndMeta() {
        chatbot = tenant.chatbotId().toString();
        organization = tenant.organizationId().toString();
        fake.acceptMessages();
        integration = addStockTool(fake.baseUrl() + "/stock");
        fake.stubFor(post(urlEqualTo("/stock/tools/check_stock")).willReturn(okJson("{\"success\":true,\"in_stock\":3}")));
    }

    @Test
    void theScrapedCountsAreThoseOfTheDatabase() throws Exception {
        Scrape before = scrape();

        converse();

        Scrape after = scrape();
        assertThat(after.sum("hub_messages_received_total", "organization", organization, "chatbot", chatbot))
                .isEqualTo(count("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'user'")).isEqualTo(5);
        assertThat(after.sum("hub_messages_answered_total", "organization", organization, "chatbot", chatbot))
                .isEqualTo(count("SELECT count(*) FROM messages WHERE chatbot_id = ? AND role = 'user' AND not_answered_reason IS NULL"))
                .isEqualTo(3);
        List<Map<String, Object>> reasons = jdbc.queryForList("""
                SELECT not_answered_reason::text AS reason, count(*) AS n FROM messages
                 WHERE chatbot_id = ? AND role = 'user' AND not_answered_reason IS NOT NULL GROUP BY 1""", tenant.chatbotId());
        assertThat(reasons).hasSize(2);
        for (Map<String, Object> reason : reasons) {
            assertThat(after.sum("hub_messages_not_answered_total", "chatbot", chatbot, "reason", (String) reason.get("reason")))
                    .as("not answered: " + reason.get("reason")).isEqualTo(((Number) reason.get("n")).doubleValue());
        }
        assertThat(after.sum("hub_messages_not_answered_total", "chatbot", chatbot)).isEqualTo(2);

        Map<String, Object> usage = jdbc.queryForMap("""
                SELECT sum(tokens_input) AS tokens_in, sum(tokens_output) AS tokens_out, sum(estimated_cost_usd) AS cost,
                       sum(llm_calls) AS llm_calls FROM usage_logs WHERE chatbot_id = ?""", tenant.chatbotId());
        String[] billed = {"organization", organization, "provider", "openai", "model", "gpt-4o-mini"};
        assertThat(after.sum("hub_usage_tokens_total", with(billed, "direction", "input")))
                .isEqualTo(((Number) usage.get("tokens_in")).doubleValue()).isEqualTo(300);
        assertThat(after.sum("hub_usage_tokens_total", with(billed, "direction", "output")))
                .isEqualTo(((Number) usage.get("tokens_out")).doubleValue()).isEqualTo(52);
        // the database rounds each row to 6 decimals
        assertThat(after.sum("hub_usage_cost_usd_total", billed)).isCloseTo(((Number) usage.get("cost")).doubleValue(), within(2e-6))
                .isGreaterThan(0);

        String[] gpt = {"provider", "openai", "model", "gpt-4o-mini"};
        assertThat(delta(before, after, "hub_llm_calls_seconds_count", with(gpt, "outcome", "success")))
                .isEqualTo(((Number) usage.get("llm_calls")).doubleValue()).isEqualTo(3);
        assertThat(delta(before, after, "hub_llm_calls_seconds_count", with(gpt, "outcome", "error"))).isEqualTo(1);
        assertThat(after.has("hub_llm_calls_seconds_bucket", with(gpt, "le", "+Inf"))).isTrue();

        List<Map<String, Object>> tools = jdbc.queryForList(
                "SELECT tool_type, status, count(*) AS n FROM tool_executions WHERE chatbot_id = ? GROUP BY 1, 2", tenant.chatbotId());
        assertThat(tools).hasSize(1);
        for (Map<String, Object> tool : tools) {
            assertThat(delta(before, after, "hub_tool_calls_total", "kind", (String) tool.get("tool_type"), "status", (String) tool.get("status")))
                    .isEqualTo(((Number) tool.get("n")).doubleValue()).isEqualTo(1);
        }
        assertThat(delta(before, after, "hub_whatsapp_statuses_total", "status", "delivered")).isEqualTo(1);

        assertThat(after.sum("hub_graph_api_circuitbreaker_state", "name", tenant.phoneNumberId(), "state", "closed")).isEqualTo(1);
        assertThat(after.sum("hub_graph_api_circuitbreaker_state", "name", tenant.phoneNumberId(), "state", "open")).isZero();
        assertThat(after.sum("hub_tool_circuitbreaker_state", "name", "integration-" + integration, "state", "closed")).isEqualTo(1);
        assertThat(after.names()).as("the breakers' sliding windows are left out")
                .noneMatch(name -> name.contains("circuitbreaker_buffered") || name.contains("circuitbreaker_slow"));
    }

    @Test
    void consumerLagAndIngestionProgressAreThoseOfKafkaAndTheDatabase() throws Exception {
        // a consumer group that committed the start of every whatsapp.inbound partition: it is behind by all their records
        fake.llmAnswers("¡Hola!", 10, 5);
        String message = send("hola");
        awaitStatus(message, "completed");
        var partitions = kafkaAdmin.describeTopics(List.of("whatsapp.inbound")).allTopicNames().get().get("whatsapp.inbound")
                .partitions().stream().map(p -> new TopicPartition("whatsapp.inbound", p.partition())).toList();
        String group = "lag-probe-" + UUID.randomUUID();
        kafkaAdmin.alterConsumerGroupOffsets(group, partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)))).all().get();
        long records = kafkaAdmin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().values().stream().mapToLong(o -> o.offset()).sum();
        assertThat(records).isPositive();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.sum("hub_kafka_consumer_lag_records", "topic", "whatsapp.inbound", "group", group)).isEqualTo(records);
            assertThat(scrape.has("hub_kafka_consumer_lag_records", "topic", "whatsapp.inbound", "group", "hub-conversation")).isTrue();
            assertThat(scrape.sum("hub_kafka_consumer_lag_records", "topic", "whatsapp.inbound", "group", "hub-conversation")).isZero();
        });

        jdbc.update("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, sync_status, chunks_total, chunks_embedded)
                VALUES (?, ?, 'text', 'Catálogo', 'processing', 10, 4)""", tenant.organizationId(), tenant.chatbotId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = scrape();
            for (String status : List.of("pending", "processing", "synced", "failed")) {
                assertThat(scrape.sum("hub_knowledge_sources", "status", status)).as(status)
                        .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM knowledge_sources WHERE sync_status = ?", Double.class, status));
            }
            assertThat(scrape.sum("hub_knowledge_chunks_waiting")).isEqualTo(jdbc.queryForObject("""
                    SELECT coalesce(sum(chunks_total - chunks_embedded), 0) FROM knowledge_sources
                     WHERE sync_status = 'processing' AND chunks_total IS NOT NULL""", Double.class)).isGreaterThanOrEqualTo(6);
        });
    }

    @Test
    void theDashboardsAndAlertRulesUseOnlyMetricsTheHubExports() throws Exception {
        converse();
        Set<String> exported = scrape().names();

        Map<String, Set<String>> used = new java.util.TreeMap<>();
        try (Stream<Path> dashboards = Files.list(Path.of("ops/grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
                List<String> expressions = new ArrayList<>();
                json.findValues("expr").forEach(e -> expressions.add(e.asText()));
                json.path("templating").path("list").forEach(v -> expressions.add(v.path("definition").asText()));
                used.put(dashboard.toString(), PromQl.metricNames(expressions));
            }
        }
        Map<String, Object> rules = new Yaml().load(Files.readString(Path.of("ops/prometheus/alerts.yml")));
        List<String> alertExpressions = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                alertExpressions.add(String.valueOf(((Map<?, ?>) rule).get("expr")));
            }
        }
        used.put("ops/prometheus/alerts.yml", PromQl.metricNames(alertExpressions));

        assertThat(used.get("ops/grafana/dashboards/hub-business.json")).contains("hub_messages_not_answered_total",
                "hub_usage_cost_usd_total", "hub_llm_calls_seconds_bucket", "hub_tool_calls_total", "hub_kafka_consumer_lag_records",
                "hub_graph_api_circuitbreaker_state", "hub_tool_circuitbreaker_state", "hub_knowledge_sources");
        assertThat(used.get("ops/prometheus/alerts.yml")).hasSizeGreaterThanOrEqualTo(5);
        used.forEach((file, names) -> assertThat(new TreeSet<>(names)).as(file + " uses metrics the hub does not export")
                .isSubsetOf(exported));
    }

    /**
     * Five messages of one customer: two answered (the second after a tool call), an unsupported sticker, one while
     * a person holds the conversation, and one whose LLM call fails (the fallback text is its answer); then Meta
     * reports the first reply delivered.
     */
    private void converse() {
        fake.llmScript(answer("¡Hola! ¿En qué te ayudo?", 100, 20),
                toolCall("call_1", "check_stock", "{\\\"sku\\\":\\\"A1\\\"}", 90, 12), answer("Quedan 3.", 110, 20));

        String hello = send("hola");
        awaitStatus(hello, "completed");
        String stock = send("¿hay stock de A1?");
        awaitStatus(stock, "completed");
        awaitStatus(sendRaw("{\"from\":\"%s\",\"id\":\"%s\",\"timestamp\":\"1764000000\",\"type\":\"sticker\","
                + "\"sticker\":{\"id\":\"1\",\"mime_type\":\"image/webp\"}}"), "skipped");
        jdbc.update("UPDATE contacts SET conversation_mode = 'manual' WHERE chatbot_id = ?", tenant.chatbotId());
        awaitStatus(send("quiero hablar con una persona"), "skipped");
        jdbc.update("UPDATE contacts SET conversation_mode = 'auto' WHERE chatbot_id = ?", tenant.chatbotId());
        fake.stubFor(post(urlEqualTo(FakeOutside.CHAT_COMPLETIONS)).inScenario("llm").whenScenarioStateIs("call 3")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")));
        awaitStatus(send("¿y mañana?"), "completed");

        String reply = jdbc.queryForObject("""
                SELECT r.outbound_whatsapp_message_id FROM messages r JOIN messages m ON r.reply_to_message_id = m.id
                 WHERE m.whatsapp_message_id = ?""", String.class, hello);
        assertThat(http.postSignedWebhook(HubHttp.statusUpdate(tenant.phoneNumberId(), reply, "delivered", customer)).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(jdbc.queryForObject(
                "SELECT delivery_status FROM messages WHERE outbound_whatsapp_message_id = ?", String.class, reply)));
        // usage and tool executions are written in parallel with the turn's completion
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?") == 2
                && count("SELECT count(*) FROM tool_executions WHERE chatbot_id = ?") == 1);
    }

    private Scrape scrape() {
        var response = http.get("/actuator/prometheus", "Bearer " + ApiClient.OPERATOR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        return new Scrape(response.body());
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static String[] with(String[] labels, String key, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = key;
        all[labels.length + 1] = value;
        return all;
    }

    private String send(String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode())
                .isEqualTo(200);
        return wamid;
    }

    private void awaitStatus(String wamid, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(jdbc.queryForList(
                "SELECT status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid).stream().findFirst().orElse(null)));
    }

    private double count(String sql) {
        return jdbc.queryForObject(sql, Double.class, tenant.chatbotId());
    }
}
