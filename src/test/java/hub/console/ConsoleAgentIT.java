package hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import hub.FakeOutside;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The agent page: its settings are saved, "Try your agent" runs the real agent without billing, a tool is tested with
 * arguments and switched off; the usage page counts today's messages and says its alerts in the person's language.
 */
class ConsoleAgentIT extends ConsoleBrowserTest {

    @Test
    void tryYourAgentAnswersThroughTheModelAndBillsNothing() {
        signInAsNewOwner();
        browser.click(By.cssSelector("a[data-nav='agent']"));
        browser.await(By.id("agent-system_prompt"));
        int modelCalls = fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();

        browser.type(By.id("try-message"), "¿A qué hora abren?");
        browser.await(By.id("try-message")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        browser.awaitText(By.cssSelector("#try-log .try-answer"), LLM_ANSWER, Duration.ofSeconds(30));
        assertThat(fake.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(modelCalls + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_logs WHERE organization_id = ?", Integer.class,
                tenant.organizationId())).as("no usage billed").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE chatbot_id = ?", Integer.class, tenant.chatbotId()))
                .as("nothing stored as a conversation").isZero();
        browser.screenshots("agent", By.id("try-log"));
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void theAgentsSettingsAreSavedAndAnEmptiedFallbackIsStoppedBeforeItIsSent() {
        signInAsNewOwner();
        browser.click(By.cssSelector("a[data-nav='agent']"));
        // the form holds the limits the API document gives for a change of these fields
        JsonNode limits = json(http.get("/api/openapi.json", null)).at("/components/schemas/UpdateChatbotRequest/properties");
        for (String field : List.of("system_prompt", "persona", "model_name", "fallback_message_error", "fallback_message_limit",
                "unsupported_message", "please_write_message")) {
            WebElement control = browser.await(By.id("agent-" + field));
            assertThat(control.getAttribute("maxlength")).as(field).isEqualTo(limits.at("/" + field + "/maxLength").asText());
            assertThat(control.getAttribute("required") != null).as(field + " required")
                    .isEqualTo(limits.at("/" + field + "/minLength").asInt() > 0);
        }
        browser.type(By.id("agent-system_prompt"), "Eres el asistente de Tienda Sol. Responde en una frase.");
        browser.type(By.id("agent-temperature"), "0.3");
        browser.click(By.id("agent-save"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var chatbot = json(api.get("/api/chatbots/" + tenant.chatbotId()));
            assertThat(chatbot.get("system_prompt").asText())
                    .isEqualTo("Eres el asistente de Tienda Sol. Responde en una frase.");
            assertThat(chatbot.get("temperature").asDouble()).isEqualTo(0.3);
        });
        String fallback = json(api.get("/api/chatbots/" + tenant.chatbotId())).get("fallback_message_error").asText();

        browser.await(By.id("agent-fallback_message_error")).clear();
        browser.click(By.id("agent-save"));
        assertThat(browser.script("return document.getElementById('agent-fallback_message_error').matches(':invalid')"))
                .as("the browser holds the form back").isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("#toast .error"))).as("no refusal from the hub").isEmpty();
        assertThat(json(api.get("/api/chatbots/" + tenant.chatbotId())).get("fallback_message_error").asText())
                .isEqualTo(fallback);
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
        browser.screenshots("usage", By.id("today-messages"));
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void theAlertsSayWhatHappenedInSpanishWithTheProvidersOwnWordsUnderneath() {
        LocalDate start = LocalDate.now().minusDays(5);
        jdbc.update("UPDATE organizations SET billing_period_start = ?, billing_period_end = ?, message_limit_monthly = 5 WHERE id = ?",
                start, start.plusMonths(1), tenant.organizationId());
        for (int i = 0; i < 3; i++) {
            jdbc.update("""
                    INSERT INTO usage_logs (organization_id, chatbot_id, message_count, tokens_input, tokens_output, tokens_total,
                                            provider, model_name, estimated_cost_usd, date_bucket)
                    VALUES (?, ?, 1, 10, 5, 15, 'openai', 'gpt-4o-mini', 0.0001, current_date)""",
                    tenant.organizationId(), tenant.chatbotId());
        }
        fake.stubFor(post(urlEqualTo(FakeOutside.CHAT_COMPLETIONS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}")));
        sendFromCustomer(customerPhone(), "Hola");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM system_alerts WHERE organization_id = ? AND reason IN ('quota_warning', 'llm_failed')",
                Integer.class, tenant.organizationId()) == 2);

        signInAsNewOwner();
        new Select(browser.await(By.id("language"))).selectByValue("es");
        browser.click(By.cssSelector("a[data-nav='usage']"));

        browser.awaitText(By.id("alerts"), "Tu organización ha usado la mayor parte de su cuota mensual: 3 de 5 mensajes");
        String alerts = browser.await(By.id("alerts")).getText();
        assertThat(alerts).contains("La llamada al modelo de IA falló (", "El cliente recibió el mensaje de error.")
                .doesNotContain("The LLM call failed", "monthly quota");
        assertThat(browser.await(By.cssSelector("#alerts .alert-detail")).getText()).contains("Incorrect API key provided");
        assertThat(browser.await(By.tagName("main")).getText()).as("the billing period's days as Spanish dates")
                .contains("Periodo de facturación " + start.getDayOfMonth() + " ").doesNotContain(start.toString())
                .as("its last day, as the charts end").contains("– " + start.plusMonths(1).minusDays(1).getDayOfMonth() + " ");
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void aToolIsTestedWithArgumentsAndSwitchedOff() {
        String integration = json(api.post("/api/integrations", Map.of("provider", "route", "name", "calculate_pricing")))
                .get("id").asText();
        assertThat(api.post("/api/chatbots/" + tenant.chatbotId() + "/tools", Map.of("integration_id", integration)).statusCode())
                .isIn(200, 201);
        signInAsNewOwner();
        browser.click(By.cssSelector("a[data-nav='agent']"));
        By toggle = By.id("tool-" + integration);
        assertThat(browser.await(toggle).isSelected()).isTrue();

        browser.click(By.cssSelector("#agent-tools .tool-test summary"));
        WebElement arguments = browser.await(By.cssSelector("#agent-tools .tool-test textarea"));
        arguments.clear();
        arguments.sendKeys("{\"message_volume\": 3000}");
        browser.click(By.cssSelector("#agent-tools .tool-test button"));
        browser.awaitText(By.cssSelector("#agent-tools .tool-test pre.result"), "success");
        assertThat(browser.await(By.cssSelector("#agent-tools .tool-test pre.result")).getText()).contains("total");

        browser.await(toggle).sendKeys(Keys.SPACE);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get("/api/chatbots/" + tenant.chatbotId() + "/tools"))
                .get("items").get(0).get("enabled").asBoolean()).as("switched off with the keyboard").isFalse());
        browser.assertNothingLeftTheOrigin();
    }
}
