package routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import hub.ApiClient;
import hub.ConsoleBrowser;
import hub.FakeMail;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.alerts.Alert;
import hub.security.SecretCipher;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The organisation's leads (list and a CSV export a spreadsheet opens safely) and its owner notification
 * settings (the Slack webhook write-only and encrypted, read by the contact_owner tool; e-mail to the owner).
 */
@IntegrationTest
class LeadsAndNotificationsIT {

    static final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        slack.start();
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SecretCipher cipher;
    @Autowired
    ProducerTemplate camel;

    Tenant tenant;
    ApiClient api;

    @BeforeEach
    void setUp() {
        tenant = tenants.create("Leads " + UUID.randomUUID());
        api = new ApiClient(new HubHttp(port), tenant.apiKey());
    }

    @Test
    void leadsAreListedAndExportedAsCsvThatASpreadsheetCannotRunAsAFormula() {
        lead(tenant, "+34600111222", "=HYPERLINK(\"http://evil.example\",\"click\")", "ana@example.com", "Quiere 5,000 mensajes\nal mes");
        lead(tenant, "34600333444", "Bruno \"B\" Díaz", null, "@admin");
        Tenant other = tenants.create("Other " + UUID.randomUUID());
        lead(other, "34600999999", "Ajeno", null, null);

        JsonNode list = json(api.get("/api/leads"));
        assertThat(list.get("leads")).hasSize(2);
        assertThat(list.get("leads").findValuesAsText("phone")).containsExactlyInAnyOrder("+34600111222", "34600333444");
        assertThat(list.get("leads").get(0).get("chatbot_name").asText()).endsWith(" bot");
        assertThat(json(api.get("/api/leads?limit=1&offset=1")).get("leads")).hasSize(1);
        assertThat(errorCode(api.get("/api/leads?limit=0"))).isEqualTo("invalid_parameter");

        var export = api.get("/api/leads/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("leads.csv");
        String csv = export.body();
        assertThat(csv).startsWith("id,chatbot_name,phone,name,email,company,estimated_messages,notes,contact_count,created_at,updated_at\r\n");
        assertThat(csv).contains(",'+34600111222,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",ana@example.com,,,"
                + "\"Quiere 5,000 mensajes\nal mes\",1,");
        assertThat(csv).contains(",34600333444,\"Bruno \"\"B\"\" Díaz\",,,,'@admin,1,");
        assertThat(csv).doesNotContain("Ajeno");
        assertThat(csv.split("\r\n")).hasSize(3);
    }

    @Test
    void theSlackWebhookIsWriteOnlyStoredEncryptedAndUsedByTheContactOwnerTool() {
        JsonNode initial = json(api.get("/api/organization/notifications"));
        assertThat(initial.get("method").asText()).isEqualTo("disabled");
        assertThat(initial.get("has_slack_webhook").asBoolean()).isFalse();

        assertThat(errorCode(api.put("/api/organization/notifications", Map.of("method", "slack")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.put("/api/organization/notifications", Map.of("method", "slack",
                "slack_webhook_url", "http://hooks.slack.com/services/T/B/x")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.put("/api/organization/notifications", Map.of("method", "pigeon")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.put("/api/organization/notifications", Map.of("method", "slack", "channel", "#ventas"))))
                .isEqualTo("unknown_field");

        String url = "https://hooks.slack.com/services/T000/B000/secret" + UUID.randomUUID();
        var saved = api.put("/api/organization/notifications", Map.of("method", "slack", "slack_webhook_url", url));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("hooks.slack.com");
        assertThat(json(saved).get("has_slack_webhook").asBoolean()).isTrue();
        String stored = jdbc.queryForObject("SELECT slack_webhook_url FROM organizations WHERE id = ?", String.class, tenant.organizationId());
        assertThat(stored).startsWith(SecretCipher.PREFIX).doesNotContain("hooks.slack.com");
        assertThat(cipher.decrypt(stored)).isEqualTo(url);
        assertThat(api.get("/api/organization/notifications").body()).doesNotContain("hooks.slack.com");

        assertThat(json(saved).get("alerts").asBoolean()).as("alerts are not sent unless asked for").isFalse();
        assertThat(json(api.put("/api/organization/notifications", Map.of("method", "slack", "alerts", true))).get("alerts")
                .asBoolean()).isTrue();
        JsonNode kept = json(api.put("/api/organization/notifications", Map.of("method", "email")));
        assertThat(kept.get("method").asText()).isEqualTo("email");
        assertThat(kept.get("has_slack_webhook").asBoolean()).as("left out: kept").isTrue();
        assertThat(kept.get("alerts").asBoolean()).as("left out: kept").isTrue();
        assertThat(errorCode(api.put("/api/organization/notifications", Map.of("method", "slack", "alerts", "yes"))))
                .isEqualTo("invalid_field");
        Map<String, Object> remove = new HashMap<>();
        remove.put("method", "disabled");
        remove.put("slack_webhook_url", null);
        assertThat(json(api.put("/api/organization/notifications", remove)).get("has_slack_webhook").asBoolean()).isFalse();

        // what the contact_owner tool reads: the stored, encrypted webhook (a test webhook on 127.0.0.1, written directly)
        jdbc.update("UPDATE organizations SET notification_method = 'slack', slack_webhook_url = ? WHERE id = ?",
                cipher.encrypt(slack.baseUrl() + "/slack/T000/B000"), tenant.organizationId());
        jdbc.update("INSERT INTO users (organization_id, email, full_name, role) VALUES (?, ?, 'Olga Owner', 'owner')",
                tenant.organizationId(), "owner-" + UUID.randomUUID() + "@example.com");
        slack.stubFor(post(urlEqualTo("/slack/T000/B000")).willReturn(aResponse().withStatus(200).withBody("ok")));
        UUID integration = UUID.fromString(json(api.post("/api/integrations", Map.of("provider", "route", "name", "contact_owner")))
                .get("id").asText());
        assertThat(api.post("/api/chatbots/" + tenant.chatbotId() + "/tools", Map.of("integration_id", integration)).statusCode())
                .isEqualTo(200);
        JsonNode notified = json(api.post("/api/chatbots/" + tenant.chatbotId() + "/tools/contact_owner/test",
                Map.of("message", "Un cliente quiere hablar con una persona")));
        assertThat(notified.get("status").asText()).isEqualTo("success");
        slack.verify(postRequestedFor(urlEqualTo("/slack/T000/B000"))
                .withRequestBody(matchingJsonPath("$.attachments[0].text", equalTo("Un cliente quiere hablar con una persona"))));

        // the owner tries the webhook: a message in the chatbot's language, or why Slack did not take it
        var tested = api.post("/api/organization/notifications/test", null);
        assertThat(tested.statusCode()).isEqualTo(204);
        slack.verify(postRequestedFor(urlEqualTo("/slack/T000/B000"))
                .withRequestBody(matchingJsonPath("$.text", equalTo("✅ WhatsApp Agent Hub: los avisos de tu organización llegarán aquí."))));
        slack.stubFor(post(urlEqualTo("/slack/T000/B000")).willReturn(aResponse().withStatus(403).withBody("invalid_token")));
        var refused = api.post("/api/organization/notifications/test", null);
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(errorCode(refused)).isEqualTo("slack_failed");
        assertThat(json(refused).at("/error/message").asText()).contains("invalid_token");
        api.put("/api/organization/notifications", Map.of("method", "disabled"));
        var nowhere = api.post("/api/organization/notifications/test", null);
        assertThat(nowhere.statusCode()).isEqualTo(409);
        assertThat(errorCode(nowhere)).isEqualTo("not_set_up");
    }

    @Test
    void theOwnerIsEmailedInTheChatbotsLanguageAndAChatbotsNameCannotAddARecipient() throws Exception {
        String owner = "owner-" + UUID.randomUUID() + "@example.com";
        jdbc.update("INSERT INTO users (organization_id, email, full_name, role) VALUES (?, ?, 'Olga Owner', 'owner')",
                tenant.organizationId(), owner);
        assertThat(api.send("PATCH", "/api/chatbots/" + tenant.chatbotId(),
                Map.of("name", "Tienda\r\nBcc: spy@evil.example", "language", "es")).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/organization/notifications")).get("email_available").asBoolean())
                .as("the hub has a mail server").isTrue();
        JsonNode saved = json(api.put("/api/organization/notifications", Map.of("method", "email")));
        assertThat(saved.get("method").asText()).isEqualTo("email");
        assertThat(saved.get("email_recipient").asText()).isEqualTo(owner);
        assertThat(saved.get("email_confirmed").asBoolean()).isFalse();

        // nothing is e-mailed to an address before someone there confirms it
        UUID integration = UUID.fromString(json(api.post("/api/integrations", Map.of("provider", "route", "name", "contact_owner")))
                .get("id").asText());
        api.post("/api/chatbots/" + tenant.chatbotId() + "/tools", Map.of("integration_id", integration));
        Map<String, Object> needsPerson = Map.of("message", "Ana quiere hablar con una persona sobre su pedido", "urgency", "high",
                "contact_info", Map.of("first_name", "Ana", "phone", "+34600111222"));
        JsonNode unconfirmed = json(api.post("/api/chatbots/" + tenant.chatbotId() + "/tools/contact_owner/test", needsPerson));
        assertThat(unconfirmed.get("status").asText()).as(unconfirmed.toString()).isNotEqualTo("success");
        assertThat(unconfirmed.toString()).contains("not confirmed");
        assertThat(errorCode(api.post("/api/organization/notifications/test", null))).isEqualTo("email_not_confirmed");
        assertThat(FakeMail.to(owner)).isEmpty();
        confirm(owner, "Leads ");
        assertThat(FakeMail.to(owner)).as("the confirmation link only").hasSize(1);
        assertThat(FakeMail.to(owner).get(0).getSubject()).startsWith("WhatsApp Agent Hub: confirma esta dirección para los avisos de Leads ");
        JsonNode confirmed = json(api.get("/api/organization/notifications"));
        assertThat(confirmed.get("email_confirmed").asBoolean()).isTrue();
        assertThat(errorCode(api.post("/api/organization/notifications/email-confirmation", null))).isEqualTo("already_confirmed");

        JsonNode notified = json(api.post("/api/chatbots/" + tenant.chatbotId() + "/tools/contact_owner/test", needsPerson));
        assertThat(notified.get("status").asText()).as(notified.toString()).isEqualTo("success");

        MimeMessage mail = FakeMail.awaitTo(owner, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("🚨 Tienda Bcc: spy@evil.example: un cliente te necesita");
        assertThat(mail.getHeader("Bcc")).as("the name stayed in the subject").isNull();
        assertThat(mail.getAllRecipients()).hasSize(1);
        assertThat(FakeMail.to("spy@evil.example")).isEmpty();
        assertThat(FakeMail.text(mail)).startsWith("Ana quiere hablar con una persona sobre su pedido\n\n")
                .contains("Cliente:\n", "First Name: Ana\n", "Phone: +34600111222\n")
                .contains("Avisos al propietario");

        // the owner tries it: a test e-mail, in the chatbot's language
        var tested = api.post("/api/organization/notifications/test", null);
        assertThat(tested.statusCode()).isEqualTo(204);
        MimeMessage test = FakeMail.awaitTo(owner, 3).get(2);
        assertThat(test.getSubject()).isEqualTo("WhatsApp Agent Hub: mensaje de prueba");
        assertThat(FakeMail.text(test)).startsWith("✅ WhatsApp Agent Hub: los avisos de tu organización llegarán aquí.");

        // alerts go by e-mail too once the owner asks for them, worded as the console words them
        // the notices go out on a thread of their own: the first is done before alerts are switched on
        ManagedRouteMBean notices = camel.getCamelContext().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("notify-alert");
        long done = notices.getExchangesCompleted();
        camel.sendBody("direct:alert", quotaWarning());
        await().atMost(Duration.ofSeconds(10)).until(() -> notices.getExchangesCompleted() > done);
        assertThat(api.put("/api/organization/notifications", Map.of("method", "email", "alerts", true)).statusCode()).isEqualTo(200);
        camel.sendBody("direct:alert", quotaWarning());
        List<MimeMessage> mails = FakeMail.awaitTo(owner, 4);
        assertThat(mails).as("the alert raised while alerts were off was not sent").hasSize(4);
        assertThat(mails.get(3).getSubject()).isEqualTo("⚠️ Cuota casi agotada · Tienda Bcc: spy@evil.example");
        assertThat(FakeMail.text(mails.get(3))).startsWith(
                "Tu organización ha usado la mayor parte de su cuota mensual: 812 de 1000 mensajes, 40.210 de 2.000.000 tokens.");

        // or to the shop's own address
        assertThat(errorCode(api.put("/api/organization/notifications", Map.of("method", "email", "email_to", "tienda"))))
                .isEqualTo("invalid_field");
        String shop = "tienda-" + UUID.randomUUID() + "@example.com";
        JsonNode shopSaved = json(api.put("/api/organization/notifications", Map.of("method", "email", "email_to", shop)));
        assertThat(shopSaved.get("email_to").asText()).isEqualTo(shop);
        assertThat(shopSaved.get("email_confirmed").asBoolean()).as("a new address is confirmed on its own").isFalse();
        assertThat(errorCode(api.post("/api/organization/notifications/test", null))).isEqualTo("email_not_confirmed");
        confirm(shop, "Leads ");
        assertThat(api.post("/api/organization/notifications/test", null).statusCode()).isEqualTo(204);
        assertThat(FakeMail.awaitTo(shop, 2).get(1).getSubject()).isEqualTo("WhatsApp Agent Hub: mensaje de prueba");
        assertThat(FakeMail.to(owner)).as("not to the owner's own address any more").hasSize(4);
    }

    @Test
    void aConfirmationLinkWorksOnceAndNotForAnotherOrganisation() {
        String shop = "Tienda-" + UUID.randomUUID() + "@Example.com";
        api.put("/api/organization/notifications", Map.of("method", "email", "email_to", shop));
        var sent = api.post("/api/organization/notifications/email-confirmation", null);
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(json(sent).get("sent_to").asText()).isEqualTo(shop);
        var again = api.post("/api/organization/notifications/email-confirmation", null);
        assertThat(again.statusCode()).as("one link a minute to an address").isEqualTo(429);
        assertThat(errorCode(again)).isEqualTo("confirmation_limited");
        String link = FakeMail.awaitLink(shop, "confirm-email");
        assertThat(link).startsWith("http://localhost:8080/console/confirm-email#");
        String secret = link.substring(link.indexOf('#') + 1);

        // another organisation naming the same address is not confirmed by it
        Tenant other = tenants.create("Otra " + UUID.randomUUID());
        ApiClient otherApi = new ApiClient(new HubHttp(port), other.apiKey());
        otherApi.put("/api/organization/notifications", Map.of("method", "email", "email_to", shop.toLowerCase()));

        ConsoleBrowser anyone = new ConsoleBrowser(new HubHttp(port));
        anyone.session();
        for (String wrong : new String[] {secret + "x", secret.substring(1), "", "a".repeat(101)}) {
            var refused = anyone.send("POST", "/console/email-confirmation", Map.of("token", wrong));
            assertThat(refused.statusCode()).as(wrong).isIn(400, 404);
        }
        var opened = anyone.send("POST", "/console/email-confirmation", Map.of("token", secret));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(json(opened).get("email").asText()).isEqualTo(shop.toLowerCase());
        assertThat(json(opened).get("organization").asText()).startsWith("Leads ");
        var reused = anyone.send("POST", "/console/email-confirmation", Map.of("token", secret));
        assertThat(reused.statusCode()).isEqualTo(404);
        assertThat(errorCode(reused)).isEqualTo("link_not_valid");

        assertThat(json(api.get("/api/organization/notifications")).get("email_confirmed").asBoolean())
                .as("confirmed in any spelling of its case").isTrue();
        assertThat(json(otherApi.get("/api/organization/notifications")).get("email_confirmed").asBoolean()).isFalse();
        assertThat(errorCode(otherApi.post("/api/organization/notifications/test", null))).isEqualTo("email_not_confirmed");
    }

    /** Asks for a confirmation link to {@code address} and opens it, as anyone who holds the link can, signed in or not. */
    private void confirm(String address, String organizationPrefix) {
        var sent = api.post("/api/organization/notifications/email-confirmation", null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String link = FakeMail.awaitLink(address, "confirm-email");
        ConsoleBrowser anyone = new ConsoleBrowser(new HubHttp(port));
        anyone.session();
        var opened = anyone.send("POST", "/console/email-confirmation", Map.of("token", link.substring(link.indexOf('#') + 1)));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json(opened).get("organization").asText()).startsWith(organizationPrefix);
    }

    private Alert quotaWarning() {
        return new Alert(tenant.organizationId(), tenant.chatbotId(), Alert.Reason.QUOTA_WARNING, Alert.Severity.WARNING,
                "Quota nearly used up", Map.of("messages_used", 812, "message_limit", 1000, "tokens_used", 40_210,
                "token_limit", 2_000_000), "quota-warning:" + UUID.randomUUID());
    }

    private void lead(Tenant owner, String phone, String name, String email, String notes) {
        jdbc.update("INSERT INTO leads (chatbot_id, phone, name, email, notes) VALUES (?, ?, ?, ?, ?)",
                owner.chatbotId(), phone, name, email, notes);
    }
}
