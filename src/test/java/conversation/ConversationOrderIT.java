package conversation;

import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import hub.ChatbotTest;
import hub.FakeOutside;
import hub.HubHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conversation's replies go out in the order of its messages, also when one message is in another instance's hands
 * (a partition that moved, an instance that died mid-turn): the later messages wait behind it.
 */
class ConversationOrderIT extends ChatbotTest {

    @RegisterExtension
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);

    @Test
    void aLaterMessageWaitsForAnEarlierOneAnotherWorkerHasInHand() {
        fake.acceptReadReceipts();
        fake.acceptMessages();
        fake.llmAnswers("Claro.", 10, 2);
        String first = "wamid.in." + UUID.randomUUID();
        String second = "wamid.in." + UUID.randomUUID();
        // another instance claimed the first message and stopped answering: its lease runs out in 4 s
        jdbc.queryForList("SELECT claimed FROM claim_webhook_event(?, ?, 'another-instance:run', make_interval(secs => 4), 3, NULL)",
                first, tenant.phoneNumberId());
        OffsetDateTime leaseEnds = jdbc.queryForObject("SELECT locked_until FROM webhook_events WHERE whatsapp_message_id = ?",
                OffsetDateTime.class, first);

        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, first, "hola")).statusCode()).isEqualTo(200);
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, second, "¿y el precio?")).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(answeredInOrder()).hasSize(2));
        assertThat(answeredInOrder()).as("the messages each reply answered, in the order of the replies").containsExactly(first, second);
        assertThat(jdbc.queryForObject("SELECT processed_at FROM webhook_events WHERE whatsapp_message_id = ?", OffsetDateTime.class, first))
                .as("answered by this hub once the other's lease ran out").isAfter(leaseEnds);
        assertThat(jdbc.queryForObject("SELECT attempts FROM webhook_events WHERE whatsapp_message_id = ?", Integer.class, first))
                .isEqualTo(2);
    }

    private List<String> answeredInOrder() {
        return jdbc.queryForList("""
                SELECT u.whatsapp_message_id FROM messages a JOIN messages u ON u.id = a.reply_to_message_id
                 WHERE a.role = 'assistant' AND a.chatbot_id = ? ORDER BY a.id""", String.class, tenant.chatbotId());
    }
}
