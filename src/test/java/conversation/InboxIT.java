package conversation;

import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.tenant.ContactRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbox a console shows: conversations most recent first with their unread counts, the newest message,
 * the wait for a person after a takeover (cleared by a person's reply or by handing back), filters, search,
 * pages, marking read; and its speed with 1,000 conversations.
 */
@IntegrationTest
class InboxIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    Tenant tenant;
    ApiClient api;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        tenant = tenants.create("Inbox " + UUID.randomUUID());
        api = new ApiClient(http, tenant.apiKey());
    }

    @Test
    void aConversationLeftForAPersonShowsInTheInboxUntilAPersonRepliesOrHandsItBack() {
        String customer = phone();
        awaitEvent(send(customer, "Hola"), "completed");
        String contact = contactId(customer);

        JsonNode first = json(api.get("/api/conversations")).get("conversations").get(0);
        assertThat(first.get("contact_id").asText()).isEqualTo(contact);
        assertThat(first.get("phone").asText()).isEqualTo(customer);
        assertThat(first.get("chatbot_name").asText()).endsWith(" bot");
        assertThat(first.get("unread_count").asInt()).isEqualTo(1);
        assertThat(first.get("needs_person").asBoolean()).isFalse();
        assertThat(first.get("last_message").get("direction").asText()).as("the agent's reply is the newest").isEqualTo("outbound");
        assertThat(first.get("window_expires_at").asText()).isNotBlank();

        assertThat(api.patch("/api/contacts/" + contact, Map.of("conversation_mode", "manual")).statusCode()).isEqualTo(200);
        awaitEvent(send(customer, "¿Me atiende una persona?"), "skipped");

        JsonNode waiting = json(api.get("/api/conversations?filter=needs_person")).get("conversations");
        assertThat(waiting.findValuesAsText("contact_id")).containsExactly(contact);
        assertThat(waiting.get(0).get("unread_count").asInt()).isEqualTo(2);
        assertThat(waiting.get(0).get("last_message").get("text").asText()).isEqualTo("¿Me atiende una persona?");
        assertThat(json(api.get("/api/contacts/" + contact)).get("needs_person").asBoolean()).isTrue();
        assertThat(json(api.get("/api/conversations?filter=manual")).get("conversations").findValuesAsText("contact_id"))
                .containsExactly(contact);

        assertThat(api.post("/api/contacts/" + contact + "/messages", Map.of("text", "Hola, soy Ana")).statusCode()).isEqualTo(201);
        JsonNode answered = json(api.get("/api/conversations")).get("conversations").get(0);
        assertThat(answered.get("needs_person").asBoolean()).as("a person replied").isFalse();
        assertThat(answered.get("last_message").get("text").asText()).isEqualTo("Hola, soy Ana");
        assertThat(json(api.get("/api/conversations?filter=needs_person")).get("conversations")).isEmpty();

        awaitEvent(send(customer, "Gracias, otra cosa"), "skipped");
        assertThat(json(api.get("/api/contacts/" + contact)).get("needs_person").asBoolean()).isTrue();
        assertThat(api.patch("/api/contacts/" + contact, Map.of("conversation_mode", "auto")).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/contacts/" + contact)).get("needs_person").asBoolean()).as("handed back").isFalse();

        assertThat(json(api.get("/api/conversations?filter=unread")).get("conversations").get(0).get("unread_count").asInt())
                .isEqualTo(3);
        var read = api.post("/api/conversations/" + contact + "/read", null);
        assertThat(read.statusCode()).isEqualTo(204);
        assertThat(json(api.get("/api/conversations")).get("conversations").get(0).get("unread_count").asInt()).isZero();
        assertThat(json(api.get("/api/conversations?filter=unread")).get("conversations")).isEmpty();

        JsonNode messages = json(api.get("/api/contacts/" + contact + "/messages")).get("items");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("agent");
        assertThat(messages.get(1).get("status").asText()).isEqualTo("sent");
        assertThat(messages.get(1).has("sent_by")).as("an API key is no person").isFalse();
        assertThat(messages.get(0).has("status")).as("no tick on a customer message").isFalse();
    }

    @Test
    void theInboxIsSearchedFilteredPagedAndScopedToTheOrganisation() {
        String ana = phone();
        String bruno = phone();
        awaitEvent(send(ana, "Hola"), "completed");
        awaitEvent(send(bruno, "Buenas"), "completed");
        jdbc.update("UPDATE contacts SET name = 'Ana Pérez' WHERE chatbot_id = ? AND phone_number = ?", tenant.chatbotId(), ana);

        assertThat(json(api.get("/api/conversations?q=p%C3%A9rez")).get("conversations").findValuesAsText("phone"))
                .containsExactly(ana);
        assertThat(json(api.get("/api/conversations?q=" + bruno.substring(4))).get("conversations").findValuesAsText("phone"))
                .containsExactly(bruno);
        assertThat(json(api.get("/api/conversations?q=%25")).get("conversations")).isEmpty();

        JsonNode page = json(api.get("/api/conversations?limit=1"));
        assertThat(page.get("conversations").findValuesAsText("phone")).containsExactly(bruno);
        JsonNode next = json(api.get("/api/conversations?limit=1&before=" + page.get("next_before").asText()));
        assertThat(next.get("conversations").findValuesAsText("phone")).containsExactly(ana);
        JsonNode last = json(api.get("/api/conversations?limit=1&before=" + next.get("next_before").asText()));
        assertThat(last.get("conversations")).isEmpty();
        assertThat(last.has("next_before")).isFalse();

        assertThat(errorCode(api.get("/api/conversations?filter=mine"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.get("/api/conversations?before=yesterday"))).isEqualTo("invalid_parameter");
        assertThat(errorCode(api.get("/api/conversations?limit=0"))).isEqualTo("invalid_parameter");

        ApiClient other = api.as(tenants.create("Other " + UUID.randomUUID()).apiKey());
        assertThat(json(other.get("/api/conversations")).get("conversations")).isEmpty();
        assertThat(other.post("/api/conversations/" + contactId(ana) + "/read", null).statusCode()).isEqualTo(404);
        assertThat(api.post("/api/conversations/not-a-contact/read", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theFirstPageOfAThousandConversationsIsServedWellUnderASecondThroughTheInboxIndex() {
        jdbc.update("""
                INSERT INTO contacts (organization_id, chatbot_id, phone_number, name, last_message_at, last_inbound_at,
                                      unread_count)
                SELECT ?, ?, '5255' || lpad(g::text, 8, '0'), 'Cliente ' || g, now() - g * interval '1 minute',
                       now() - g * interval '1 minute', 1
                  FROM generate_series(1, 1000) g""", tenant.organizationId(), tenant.chatbotId());
        jdbc.update("""
                INSERT INTO messages (organization_id, chatbot_id, contact_id, role, content, created_at)
                SELECT ct.organization_id, ct.chatbot_id, ct.id, r.role, r.role || ' de ' || ct.name,
                       ct.last_message_at - CASE r.role WHEN 'user' THEN interval '1 second' ELSE interval '0' END
                  FROM contacts ct CROSS JOIN (VALUES ('user'), ('assistant')) r(role)
                 WHERE ct.chatbot_id = ?""", tenant.chatbotId());
        jdbc.execute("ANALYZE contacts");
        jdbc.execute("ANALYZE messages");
        api.get("/api/conversations?limit=50");

        long start = System.nanoTime();
        var page = api.get("/api/conversations?limit=50");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode conversations = json(page).get("conversations");
        assertThat(conversations).hasSize(50);
        assertThat(conversations.get(0).get("name").asText()).isEqualTo("Cliente 1");
        assertThat(conversations.get(0).get("unread_count").asInt()).isEqualTo(1);
        assertThat(conversations.get(0).get("last_message").get("text").asText()).isEqualTo("assistant de Cliente 1");
        assertThat(elapsedMs).as("first page of 1,000 conversations, ms").isLessThan(500);

        List<String> plan = jdbc.queryForList("EXPLAIN " + ContactRepository.INBOX, String.class, tenant.organizationId(),
                java.time.OffsetDateTime.MAX, new UUID(-1L, -1L), null, null, null, false, false, false, 50);
        assertThat(String.join("\n", plan)).contains("contacts_inbox_idx").contains("messages_contact_history_idx")
                .doesNotContain("Seq Scan on contacts");
    }

    private String send(String customer, String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode()).isEqualTo(200);
        return wamid;
    }

    private void awaitEvent(String wamid, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT status FROM webhook_events WHERE whatsapp_message_id = ?", String.class, wamid)).containsExactly(status));
    }

    private String contactId(String customer) {
        return jdbc.queryForObject("SELECT id::text FROM contacts WHERE chatbot_id = ? AND phone_number = ?", String.class,
                tenant.chatbotId(), customer);
    }

    private static String phone() {
        return "346" + (10_000_000 + Math.abs(UUID.randomUUID().hashCode() % 89_999_999));
    }
}
