package hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static hub.ApiClient.json;
import static hub.FakeOutside.Service.GRAPH_API;
import static hub.FakeOutside.Service.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import hub.ApiClient;
import hub.FakeOutside;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console in a real headless Chromium against the whole hub, with WireMock as Meta's Graph API and as an
 * OpenAI-compatible LLM (one server for every console test class, so they share one hub). Each test gets a new
 * organisation with an owner, and a browser that is closed after it.
 */
@IntegrationTest
abstract class ConsoleBrowserTest {

    static final String PASSWORD = "Console-test-password-2026";
    static final String LLM_ANSWER = "Abrimos de lunes a sábado de 9:00 a 20:00.";
    static final FakeOutside fake = new FakeOutside(GRAPH_API, OPENAI);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(fake::stop));
    }

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    Tenant tenant;
    ApiClient api;
    String ownerEmail;
    String token;
    Browser browser;

    @BeforeEach
    void organisationWithAnOwner() {
        http = new HubHttp(port);
        tenant = tenants.create("Tienda Sol");
        api = new ApiClient(http, tenant.apiKey());
        token = fake.connect(api, tenant);
        fake.acceptMessages();
        fake.llmAnswers(LLM_ANSWER, 10, 5);
        ownerEmail = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@tienda.example";
        browser = new Browser(http.url(""), "en-US");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The organisation's first owner, created with the operator token: its initial password. */
    String createOwner(String fullName) {
        var created = ApiClient.operator(http).post("/api/admin/organizations/" + tenant.organizationId() + "/owners",
                Map.of("email", ownerEmail, "full_name", fullName));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("initial_password").asText();
    }

    /** A person created by an owner (here with the organisation's API key, which counts as an owner). */
    String createPerson(String email, String fullName, String role) {
        var created = api.post("/api/people", Map.of("email", email, "full_name", fullName, "role", role));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("initial_password").asText();
    }

    /** Signs in through the sign-in page and, the first time, chooses the person's own password. */
    void signIn(String email, String password) {
        browser.open("/console/inbox");
        browser.until(Duration.ofSeconds(15), d -> browser.path().equals("/console/sign-in"));
        browser.type(By.id("email"), email);
        browser.type(By.id("password"), password);
        browser.click(By.id("sign-in-submit"));
        browser.until(Duration.ofSeconds(15), d -> !browser.path().equals("/console/sign-in"));
        if (browser.path().equals("/console/password")) {
            browser.type(By.id("current-password"), password);
            browser.type(By.id("new-password"), PASSWORD);
            browser.type(By.id("repeat-password"), PASSWORD);
            browser.click(By.id("password-submit"));
        }
        browser.await(By.id("sign-out"));
        browser.until(Duration.ofSeconds(15), d -> browser.path().startsWith("/console/inbox"));
    }

    void signInAsNewOwner() {
        signIn(ownerEmail, createOwner("Ana Pérez"));
    }

    String customerPhone() {
        return "346" + (10_000_000 + Math.abs(UUID.randomUUID().hashCode() % 89_999_999));
    }

    String sendFromCustomer(String customer, String text) {
        String wamid = "wamid.in." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(tenant.phoneNumberId(), customer, wamid, text)).statusCode()).isEqualTo(200);
        return wamid;
    }

    void postStatus(String customer, String outboundWamid, String status) {
        assertThat(http.postSignedWebhook(HubHttp.statusUpdate(tenant.phoneNumberId(), outboundWamid, status, customer)).statusCode())
                .isEqualTo(200);
    }

    int textSends(String customer) {
        return fake.findAll(postRequestedFor(urlEqualTo("/v22.0/" + tenant.phoneNumberId() + "/messages"))
                .withRequestBody(matchingJsonPath("$.to", equalTo(customer))).withRequestBody(matchingJsonPath("$.text"))).size();
    }

    String contactId(String customer) {
        return jdbc.queryForObject("SELECT id::text FROM contacts WHERE chatbot_id = ? AND phone_number = ?", String.class,
                tenant.chatbotId(), customer);
    }
}
