package hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The agent page's "Try your agent" runs the real agent without billing; the usage page counts today's messages. */
class ConsoleAgentIT extends ConsoleBrowserTest {

    @Test
    void tryYourAgentAnswersThroughTheModelAndBillsNothing() {
        signInAsNewOwner();
        browser.click(By.cssSelector("a[data-nav='agent']"));
        browser.await(By.id("agent-system_prompt"));
        int modelCalls = fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();

        browser.type(By.id("try-message"), "¿A qué hora abren?");
        browser.click(By.id("try-send"));

        browser.awaitText(By.cssSelector("#try-log .try-answer"), LLM_ANSWER, Duration.ofSeconds(30));
        assertThat(fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(modelCalls + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE organization_id = ?", Integer.class,
                tenant.organizationId())).as("no usage billed").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .as("nothing stored as a conversation").isZero();
        browser.screenshot("agent");
        browser.resize(Browser.PHONE);
        browser.screenshot("agent");
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void theUsagePageShowsTodaysCount() {
        signInAsNewOwner();
        String customer = customerPhone();
        sendFromCustomer(customer, "Hola");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM usage_logs WHERE organization_id = ?", Integer.class, tenant.organizationId()) == 1);

        browser.click(By.cssSelector("a[data-nav='usage']"));

        browser.awaitText(By.id("today-messages"), "1");
        browser.await(By.cssSelector("#quota-gauges .meter-mark"));
        browser.awaitText(By.id("usage-models"), "gpt-4o-mini");
        browser.screenshot("usage");
        browser.resize(Browser.PHONE);
        browser.screenshot("usage");
        browser.assertNothingLeftTheOrigin();
    }
}
