package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import hub.HubApplication;
import hub.TestDatabase;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.conversation.LlmResult;
import hub.conversation.Turn;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The conversation route's branches without Kafka, HTTP or an LLM: the Kafka consumer is replaced by
 * a direct endpoint, the LLM loop by a fixed answer and the Graph API call by a mock. The database is real.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = HubApplication.class)
@ActiveProfiles("test")
@TestPropertySource(properties = "hub.instance-id=conversation-route-test")
@Import(TestDatabase.class)
class ConversationRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @EndpointInject("mock:graph")
    MockEndpoint graph;

    Tenant tenant;

    static final java.util.concurrent.atomic.AtomicBoolean DATABASE_DOWN = new java.util.concurrent.atomic.AtomicBoolean();
    static final java.util.concurrent.atomic.AtomicBoolean CLAIMS_FAIL = new java.util.concurrent.atomic.AtomicBoolean();

    @BeforeEach
    void advise() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "conversation", route -> route.replaceFromWith("direct:inbound"));
            AdviceWith.adviceWith(camel, "take-message", route -> {
                route.weaveById("context-enricher").before().process(e -> {
                    if ("contexto roto".equals(e.getIn().getBody(Turn.class).inbound().text())) {
                        throw new IllegalStateException("a stored secret cannot be decrypted");
                    }
                });
                route.weaveById("idempotent-consumer").before().process(e -> {
                    if (CLAIMS_FAIL.get()) {
                        throw new org.springframework.dao.DataAccessResourceFailureException("Connection refused");
                    }
                });
            });
            AdviceWith.adviceWith(camel, "agent-answer", route -> {
                route.weaveById("llm-tool-loop").replace()
                        .process(e -> e.getIn().getBody(Turn.class).llm(new LlmResult("Respuesta del agente", "openai",
                                "gpt-4o-mini", 30, 7, 1, false, "stop", List.of(), null, false, false)));
                route.weaveById("prepare-agent-inputs").before().process(e -> {
                    String text = e.getIn().getBody(Turn.class).inbound().text();
                    if ("falla siempre".equals(text) || ("falla una vez".equals(text) && DATABASE_DOWN.get())) {
                        throw new IllegalStateException("database unreachable");
                    }
                });
            });
            AdviceWith.adviceWith(camel, "send-reply", route -> route.weaveById("send-whatsapp-reply").replace()
                    .to("mock:graph")
                    .process(e -> e.getIn().getBody(Turn.class).delivered(List.of("wamid.out." + UUID.randomUUID()))));
            camel.start();
        }
        graph.reset();
        tenant = tenants.create("Route " + UUID.randomUUID());
    }

    @Test
    void aTextIsAnsweredOnceAndARedeliveryIsNotAnsweredAgain() {
        String wamid = "wamid." + UUID.randomUUID();
        inbound(wamid, tenant.phoneNumberId(), "text", "hola");
        inbound(wamid, tenant.phoneNumberId(), "text", "hola");

        assertThat(graph.getReceivedCounter()).isEqualTo(1);
        assertThat(event(wamid)).containsEntry("status", "completed").containsEntry("reply_status", "sent");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .isEqualTo(1);
    }

    @Test
    void aRunThatStoppedWhileSendingIsNeverAnsweredAgainAndIsClosedAsSentWhenItsRowsProveIt() {
        String delivered = "wamid." + UUID.randomUUID();
        String unknown = "wamid." + UUID.randomUUID();
        inbound(delivered, tenant.phoneNumberId(), "text", "hola");
        inbound(unknown, tenant.phoneNumberId(), "text", "hola otra vez");
        // as a run leaves them when it dies between the send and the completion: the fan-out had
        // written the first message's rows, not the second's
        jdbc.update("""
                DELETE FROM messages WHERE reply_to_message_id = (SELECT id FROM messages WHERE whatsapp_message_id = ?)""", unknown);
        jdbc.update("DELETE FROM usage_logs WHERE webhook_event_id = (SELECT id FROM webhook_events WHERE whatsapp_message_id = ?)", unknown);
        jdbc.update("""
                UPDATE webhook_events SET status = 'processing', reply_status = 'sending', locked_until = now() - interval '1 second'
                 WHERE whatsapp_message_id IN (?, ?)""", delivered, unknown);
        graph.reset();

        inbound(delivered, tenant.phoneNumberId(), "text", "hola");
        inbound(unknown, tenant.phoneNumberId(), "text", "hola otra vez");

        assertThat(graph.getReceivedCounter()).isZero();
        assertThat(event(delivered)).containsEntry("status", "completed").containsEntry("reply_status", "sent");
        assertThat(event(unknown)).containsEntry("status", "completed").containsEntry("reply_status", "sending");
    }

    @Test
    void manualModeIsStoredAndSilent() {
        inbound("wamid." + UUID.randomUUID(), tenant.phoneNumberId(), "text", "primero");
        jdbc.update("UPDATE contacts SET conversation_mode = 'manual' WHERE chatbot_id = ?", tenant.chatbotId());
        graph.reset();
        String wamid = "wamid." + UUID.randomUUID();

        inbound(wamid, tenant.phoneNumberId(), "text", "quiero un humano");

        assertThat(graph.getReceivedCounter()).isZero();
        assertThat(event(wamid)).containsEntry("status", "skipped").containsEntry("skip_reason", "manual_mode");
    }

    @Test
    void anUnsupportedTypeGetsTheUnsupportedMessageAndAReactionNothing() {
        String sticker = "wamid." + UUID.randomUUID();
        inbound(sticker, tenant.phoneNumberId(), "sticker", null);
        assertThat(graph.getReceivedCounter()).isEqualTo(1);
        assertThat(graph.getReceivedExchanges().get(0).getIn().getBody(Turn.class).replyText()).contains("solo puedo leer");
        assertThat(event(sticker)).containsEntry("skip_reason", "unsupported_type");

        String reaction = "wamid." + UUID.randomUUID();
        inbound(reaction, tenant.phoneNumberId(), "reaction", null);
        assertThat(graph.getReceivedCounter()).isEqualTo(1);
        assertThat(event(reaction)).containsEntry("skip_reason", "reaction");
    }

    @Test
    void aMessageForAnUnknownNumberIsStoredAndAlerted() {
        String wamid = "wamid." + UUID.randomUUID();
        String unknown = "999" + Math.abs(wamid.hashCode());

        inbound(wamid, unknown, "text", "hola");

        assertThat(graph.getReceivedCounter()).isZero();
        assertThat(jdbc.queryForObject("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, wamid))
                .isEqualTo("unknown_number");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_alerts WHERE dedup_key = ?", Integer.class,
                "unknown-number:" + unknown)).isEqualTo(1);
    }

    @Test
    void aFailureIsRetriedOnRedeliveryAndAPermanentOneIsParkedWithAnAlert() {
        String transient_ = "wamid." + UUID.randomUUID();
        DATABASE_DOWN.set(true);
        // fails after the in-place retries; the consumer sees the error, so the record is delivered again
        assertThatThrownBy(() -> inbound(transient_, tenant.phoneNumberId(), "text", "falla una vez"))
                .hasRootCauseMessage("database unreachable");
        assertThat(event(transient_)).containsEntry("status", "failed");
        DATABASE_DOWN.set(false);
        inbound(transient_, tenant.phoneNumberId(), "text", "falla una vez"); // Kafka's redelivery
        assertThat(event(transient_)).containsEntry("status", "completed").containsEntry("reply_status", "sent");
        assertThat(graph.getReceivedCounter()).isEqualTo(1);

        String permanent = "wamid." + UUID.randomUUID();
        for (int delivery = 1; delivery <= 2; delivery++) {
            assertThatThrownBy(() -> inbound(permanent, tenant.phoneNumberId(), "text", "falla siempre"))
                    .hasRootCauseMessage("database unreachable");
        }
        inbound(permanent, tenant.phoneNumberId(), "text", "falla siempre"); // third attempt: parked, not thrown
        inbound(permanent, tenant.phoneNumberId(), "text", "falla siempre"); // after parking: not claimed
        assertThat(event(permanent)).containsEntry("status", "failed").containsEntry("skip_reason", "processing_failed");
        assertThat(jdbc.queryForObject("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, permanent))
                .isEqualTo("processing_failed");
        assertThat(jdbc.queryForObject("SELECT attempts FROM webhook_events WHERE whatsapp_message_id = ?", Integer.class, permanent))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_alerts WHERE chatbot_id = ? AND type = 'WEBHOOK_FAILURE'",
                Integer.class, tenant.chatbotId())).isEqualTo(1);
        assertThat(graph.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aMessageThatCannotBeClaimedIsNeitherDroppedNorCountedAsAnAttempt() {
        String wamid = "wamid." + UUID.randomUUID();
        CLAIMS_FAIL.set(true);
        try {
            // the error reaches the consumer: the offset stays uncommitted and Kafka delivers the record again
            for (int delivery = 1; delivery <= 4; delivery++) {
                assertThatThrownBy(() -> inbound(wamid, tenant.phoneNumberId(), "text", "hola"))
                        .hasRootCauseMessage("Connection refused");
            }
        } finally {
            CLAIMS_FAIL.set(false);
        }
        inbound(wamid, tenant.phoneNumberId(), "text", "hola");

        assertThat(event(wamid)).containsEntry("status", "completed").containsEntry("reply_status", "sent");
        assertThat(jdbc.queryForObject("SELECT attempts FROM webhook_events WHERE whatsapp_message_id = ?", Integer.class, wamid))
                .isEqualTo(1);
        assertThat(graph.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aMessageThatFailsBeforeItIsStoredIsStoredWhenItIsParked() {
        String wamid = "wamid." + UUID.randomUUID();
        for (int delivery = 1; delivery <= 2; delivery++) {
            assertThatThrownBy(() -> inbound(wamid, tenant.phoneNumberId(), "text", "contexto roto"))
                    .hasRootCauseMessage("a stored secret cannot be decrypted");
        }
        inbound(wamid, tenant.phoneNumberId(), "text", "contexto roto"); // third attempt: parked

        assertThat(jdbc.queryForMap("SELECT content, not_answered_reason, chatbot_id FROM messages WHERE whatsapp_message_id = ?", wamid))
                .containsEntry("content", "contexto roto").containsEntry("not_answered_reason", "processing_failed");
        assertThat(event(wamid)).containsEntry("status", "failed").containsEntry("skip_reason", "processing_failed");
        assertThat(graph.getReceivedCounter()).isZero();
    }

    @Test
    void anUnreadableRecordIsDroppedWithoutStoppingTheConsumer() {
        producer.sendBody("direct:inbound", "{not json");

        inbound("wamid." + UUID.randomUUID(), tenant.phoneNumberId(), "text", "hola");
        assertThat(graph.getReceivedCounter()).isEqualTo(1);
    }

    private void inbound(String wamid, String phoneNumberId, String type, String text) {
        producer.sendBody("direct:inbound", """
                {"wamid":"%s","phoneNumberId":"%s","from":"34600123456","profileName":"Ana","timestamp":1764000000,
                 "type":"%s","text":%s,"raw":{}}""".formatted(wamid, phoneNumberId, type, text == null ? "null" : "\"" + text + "\""));
    }

    private Map<String, Object> event(String wamid) {
        return jdbc.queryForMap("SELECT status, reply_status, skip_reason FROM webhook_events WHERE whatsapp_message_id = ?", wamid);
    }
}
