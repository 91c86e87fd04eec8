package conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import hub.conversation.ConversationRepository;
import hub.conversation.PendingReply;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.test.context.TestPropertySource;

/**
 * A reply whose send a crash cut is neither lost nor sent twice. Each case answers a customer through the real
 * pipeline, then puts the database back to what a run that died between marking the reply "sending" and recording
 * Meta's answer leaves behind, and lets the stuck-message recovery redeliver the message.
 */
@TestPropertySource(properties = {"hub.conversation.uncertain-send-wait=4s", "hub.conversation.settle-uncertain-replies=true"})
class UncertainReplyIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(FakeOutside.Service.GRAPH_API, FakeOutside.Service.OPENAI);
    static final String ANSWER = "Abrimos de 9 a 18.";

    @Autowired
    ProducerTemplate producer;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    ConversationRepository conversations;

    @BeforeEach
    void metaAndTheLlmAnswer() {
        fake.acceptMessages();
        fake.llmAnswers(ANSWER, 90, 10);
    }

    @Test
    void aStatusWebhookProvesTheCutSendWentOutAndNothingIsSentAgain() {
        String wamid = answeredMessage();
        String outbound = cutAfterSending(wamid);
        assertThat(http.postSignedWebhook(statusWithCallback(outbound, "sent", "hub-reply:" + eventId(wamid))).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> outbound.equals(jdbc.queryForObject(
                "SELECT reply_proof_wamid FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid)));

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(event(wamid))
                .containsEntry("status", "completed").containsEntry("reply_status", "sent")
                .containsEntry("reply_whatsapp_message_id", outbound));
        assertThat(sends()).as("the customer got the reply once").isEqualTo(1);
        assertThat(jdbc.queryForMap("""
                SELECT content, delivery_status FROM messages WHERE outbound_whatsapp_message_id = ? AND role = 'assistant'""", outbound))
                .as("the reply is in the conversation").containsEntry("content", ANSWER);
        assertThat(notAnsweredReason(wamid)).isNull();
    }

    @Test
    void withoutAProofTheStoredReplyIsSentAgainOnceItsWaitIsOver() {
        String wamid = answeredMessage();
        String key = "hub-reply:" + eventId(wamid);
        fake.verify(1, postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.biz_opaque_callback_data", equalTo(key))));
        cutAfterSending(wamid);
        // a status for another reply proves nothing about this one
        http.postSignedWebhook(statusWithCallback("wamid.other." + UUID.randomUUID(), "sent", "hub-reply:" + UUID.randomUUID()));

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(event(wamid)).containsEntry("reply_status", "uncertain"));
        assertThat(sends()).as("not before its wait is over").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(event(wamid))
                .containsEntry("status", "completed").containsEntry("reply_status", "sent"));
        assertThat(sends()).isEqualTo(2);
        fake.verify(2, postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo(ANSWER)))
                .withRequestBody(matchingJsonPath("$.biz_opaque_callback_data", equalTo(key)))
                .withRequestBody(matchingJsonPath("$.context.message_id", equalTo(wamid))));
        String resent = (String) event(wamid).get("reply_whatsapp_message_id");
        assertThat(jdbc.queryForObject("SELECT content FROM messages WHERE outbound_whatsapp_message_id = ?", String.class, resent))
                .isEqualTo(ANSWER);
        assertThat(notAnsweredReason(wamid)).isNull();
    }

    @Test
    void aConversationAPersonTookOverMeanwhileIsNotSentAgain() {
        String wamid = answeredMessage();
        cutAfterSending(wamid);
        jdbc.update("UPDATE contacts SET conversation_mode = 'manual' WHERE chatbot_id = ?", tenant.chatbotId());

        producer.requestBody("direct:stuck-messages-recovery", (Object) null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(event(wamid))
                .containsEntry("status", "skipped").containsEntry("reply_status", "skipped"));
        assertThat(sends()).isEqualTo(1);
        assertThat(notAnsweredReason(wamid)).isEqualTo("manual_mode");
    }

    @Test
    void aRestartTurnsTheSendItsEarlierRunWasMakingUncertainAndTheReplysRowsProveIt() {
        String wamid = answeredMessage();
        String outbound = cutAfterSending(wamid);
        // the earlier run had written the reply's row before it died; its lease was still running
        jdbc.update("""
                INSERT INTO messages (organization_id, chatbot_id, contact_id, role, message_type, content, whatsapp_phone_number_id,
                                      phone_number, outbound_whatsapp_message_id, delivery_status, sent_at, reply_to_message_id, part_index)
                SELECT organization_id, chatbot_id, contact_id, 'assistant', 'text', ?, whatsapp_phone_number_id, phone_number, ?,
                       'sent', now(), id, 0 FROM messages WHERE whatsapp_message_id = ?""", ANSWER, outbound, wamid);
        jdbc.update("UPDATE webhook_events SET locked_by = 'restarted-hub:earlier-run', locked_until = now() + interval '2 minutes' WHERE id = ?",
                eventId(wamid));

        conversations.expireLeasesOfEarlierRuns("restarted-hub:", "restarted-hub:this-run", Duration.ofSeconds(4));

        assertThat(event(wamid)).containsEntry("reply_status", "uncertain");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(event(wamid))
                .containsEntry("status", "completed").containsEntry("reply_status", "sent")
                .containsEntry("reply_whatsapp_message_id", outbound));
        assertThat(sends()).as("its row proves it went out: not sent again").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE outbound_whatsapp_message_id = ?", Integer.class, outbound))
                .isEqualTo(1);
    }

    /** A customer's message answered through the webhook, the LLM and the Graph API. */
    private String answeredMessage() {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, "¿Cuándo abren?"))
                .statusCode()).isEqualTo(200);
        // the event's row appears once the pipeline has taken the message from Kafka
        await().atMost(Duration.ofSeconds(30)).ignoreException(EmptyResultDataAccessException.class)
                .untilAsserted(() -> assertThat(event(wamid)).containsEntry("reply_status", "sent"));
        return wamid;
    }

    /**
     * What a run that died after Meta accepted the reply, before recording it, leaves: the event "sending" with the
     * stored reply and an expired lease, no reply row and no usage. Returns the wamid Meta gave the reply.
     */
    private String cutAfterSending(String wamid) {
        Map<String, Object> event = event(wamid);
        String outbound = (String) event.get("reply_whatsapp_message_id");
        UUID eventId = (UUID) event.get("id");
        long inboundId = jdbc.queryForObject("SELECT id FROM messages WHERE whatsapp_message_id = ?", Long.class, wamid);
        UUID contactId = jdbc.queryForObject("SELECT contact_id FROM messages WHERE id = ?", UUID.class, inboundId);
        PendingReply reply = new PendingReply(eventId, List.of(eventId), tenant.organizationId(), tenant.chatbotId(),
                tenant.phoneNumberId(), contactId, customer, wamid, ANSWER, null, List.of(inboundId), true);
        jdbc.update("DELETE FROM messages WHERE outbound_whatsapp_message_id = ?", outbound);
        jdbc.update("DELETE FROM usage_logs WHERE webhook_event_id = ?", eventId);
        jdbc.update("""
                UPDATE webhook_events SET status = 'processing', reply_status = 'sending', reply_whatsapp_message_id = NULL,
                       reply_sending_at = now(), pending_reply = ?::jsonb, locked_until = now() - interval '1 hour'
                 WHERE id = ?""", json(reply), eventId);
        return outbound;
    }

    private String statusWithCallback(String outboundWamid, String status, String callbackData) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s","biz_opaque_callback_data":"%s"}]}}]}]}"""
                .formatted(tenant.phoneNumberId(), outboundWamid, status, System.currentTimeMillis() / 1000, customer, callbackData);
    }

    private int sends() {
        return fake.findAll(postRequestedFor(urlPathMatching("/v22.0/.*/messages"))
                .withRequestBody(matchingJsonPath("$.text"))).size();
    }

    private Map<String, Object> event(String wamid) {
        return jdbc.queryForMap("SELECT id, status, reply_status, reply_whatsapp_message_id FROM webhook_events WHERE whatsapp_message_id = ?",
                wamid);
    }

    private UUID eventId(String wamid) {
        return (UUID) event(wamid).get("id");
    }

    private String notAnsweredReason(String wamid) {
        return jdbc.queryForObject("SELECT not_answered_reason FROM messages WHERE whatsapp_message_id = ?", String.class, wamid);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
