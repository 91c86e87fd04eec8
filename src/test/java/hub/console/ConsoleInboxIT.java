package hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The inbox in the browser: a new customer's conversation appears without reload, then the agent's reply and its
 * ticks as Meta's statuses arrive; a person takes over, answers through the Graph API, and hands back.
 */
class ConsoleInboxIT extends ConsoleBrowserTest {

    @Test
    void anOwnerWatchesACustomerArriveTakesOverAnswersAndHandsBack() {
        signInAsNewOwner();
        browser.await(By.id("conversations"));
        browser.script("window.notReloaded = true");
        String customer = customerPhone();

        sendFromCustomer(customer, "Hola, ¿a qué hora abren?");
        By conversation = By.cssSelector("#conversations a.conv[data-contact-id]");
        browser.await(conversation, Duration.ofSeconds(2));
        String contact = contactId(customer);
        // the list is drawn again as the reply's events arrive: look the customer's conversation up by its id
        browser.await(By.cssSelector("#conversations a.conv[data-contact-id='" + contact + "']"));
        assertThat(browser.script("return window.notReloaded")).as("the page was not reloaded").isEqualTo(true);

        browser.click(conversation);
        browser.until(Duration.ofSeconds(5), d -> browser.path().equals("/console/inbox/" + contact));
        browser.awaitText(By.id("messages"), "Hola, ¿a qué hora abren?");
        browser.awaitText(By.cssSelector("#messages li.msg.outbound"), LLM_ANSWER, Duration.ofSeconds(30));
        browser.await(By.cssSelector("#messages li.msg.outbound .tick.sent"));
        String reply = jdbc.queryForObject("""
                SELECT outbound_whatsapp_message_id FROM messages WHERE contact_id = ?::uuid AND role = 'assistant'""",
                String.class, contact);
        postStatus(customer, reply, "delivered");
        browser.await(By.cssSelector("#messages li.msg.outbound .tick.delivered"), Duration.ofSeconds(10));
        postStatus(customer, reply, "read");
        browser.await(By.cssSelector("#messages li.msg.outbound .tick.read"), Duration.ofSeconds(10));
        assertThat(browser.script("return window.notReloaded")).isEqualTo(true);

        browser.await(By.id("take-over")).sendKeys(Keys.ENTER);
        browser.await(By.id("hand-back"));
        browser.await(By.cssSelector(".conv-header .badge.mode-manual"));
        int sendsBefore = textSends(customer);
        int modelCallsBefore = fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
        sendFromCustomer(customer, "Quiero hablar con una persona");
        browser.awaitText(By.id("messages"), "Quiero hablar con una persona", Duration.ofSeconds(10));
        browser.await(By.cssSelector("#messages .not-answered"));
        browser.await(By.cssSelector("#conversations a[data-contact-id='" + contact + "'] .badge.needs-person"), Duration.ofSeconds(10));
        browser.await(By.cssSelector(".conv-header .badge.needs-person"));
        assertThat(textSends(customer)).as("the agent stays silent").isEqualTo(sendsBefore);
        assertThat(fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(modelCallsBefore);

        browser.type(By.id("composer-text"), "Hola, soy Ana. Te atiendo yo.");
        browser.click(By.id("send"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> fake.verify(postRequestedFor(
                urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(customer)))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo("Hola, soy Ana. Te atiendo yo.")))));
        browser.awaitText(By.cssSelector("#messages li.msg.person"), "Hola, soy Ana. Te atiendo yo.");
        browser.awaitText(By.cssSelector("#messages li.msg.person .sender"), "Ana Pérez");
        browser.until(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".conv-header .badge.needs-person")).isEmpty()
                && d.findElements(By.cssSelector("#conversations .badge.needs-person")).isEmpty());
        browser.screenshot("inbox");

        browser.click(By.id("hand-back"));
        browser.await(By.id("take-over"));
        browser.await(By.cssSelector(".conv-header .badge.mode-auto"));
        assertThat(jdbc.queryForObject("SELECT conversation_mode FROM contacts WHERE id = ?::uuid", String.class, contact))
                .isEqualTo("auto");

        browser.resize(Browser.PHONE);
        browser.await(By.id("composer-text"));
        browser.screenshot("conversation");
        browser.click(By.cssSelector(".conv-header .back"));
        browser.await(By.cssSelector("#conversations a.conv"));
        browser.screenshot("inbox");
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void anInboxOfAThousandConversationsIsListedInUnderASecond() {
        jdbc.update("""
                WITH customers AS (
                  INSERT INTO contacts (organization_id, chatbot_id, phone_number, name, last_message_at, last_inbound_at)
                  SELECT ?, ?, '5491' || lpad(n::text, 8, '0'), 'Cliente ' || n, now() - n * interval '1 minute',
                         now() - n * interval '1 minute' FROM generate_series(1, 1000) n
                  RETURNING id, organization_id, chatbot_id, name, last_message_at)
                INSERT INTO messages (organization_id, chatbot_id, contact_id, role, content, created_at)
                SELECT organization_id, chatbot_id, id, 'user', 'Hola, soy ' || name, last_message_at FROM customers""",
                tenant.organizationId(), tenant.chatbotId());
        jdbc.execute("ANALYZE contacts");
        jdbc.execute("ANALYZE messages");
        signInAsNewOwner();

        browser.open("/console/inbox");

        browser.awaitText(By.cssSelector("#conversations a.conv"), "Cliente 1");
        assertThat(browser.driver().findElements(By.cssSelector("#conversations a.conv"))).hasSize(50);
        double listedAfterMs = ((Number) browser.script(
                "return performance.getEntriesByName('console:inbox-listed')[0].startTime")).doubleValue();
        assertThat(listedAfterMs).as("from navigation to the listed inbox, ms").isLessThan(1000);
    }
}
