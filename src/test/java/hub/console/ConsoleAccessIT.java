package hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import hub.FakeMail;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

/**
 * Who may open what: signed-out browsers are sent to sign-in, an agent never reaches the settings or the API keys,
 * a cross-site request without the CSRF token is refused, another organisation's conversation is not found; and what
 * an owner does in the settings, mistakes included.
 */
class ConsoleAccessIT extends ConsoleBrowserTest {

    private static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aSignedOutBrowserIsSentToSignIn() throws Exception {
        browser.open("/console/knowledge");

        browser.until(Duration.ofSeconds(10), d -> browser.path().equals("/console/sign-in"));
        browser.await(By.id("email"));
        browser.screenshot("sign-in");
        HttpResponse<String> page = PLAIN.send(HttpRequest.newBuilder(URI.create(http.url("/console/settings"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/console/sign-in");
        assertThat(http.get("/api/conversations", null).statusCode()).isEqualTo(401);

        browser.type(By.id("email"), "nobody@tienda.example");
        browser.type(By.id("password"), "not-the-password");
        browser.click(By.id("sign-in-submit"));
        browser.awaitText(By.id("sign-in-error"), "Wrong e-mail or password");
        new Select(browser.await(By.id("language"))).selectByValue("es");
        browser.awaitText(By.tagName("h1"), "Iniciar sesión");
        browser.driver().navigate().refresh();
        browser.awaitText(By.tagName("h1"), "Iniciar sesión");
        assertThat(browser.await(By.cssSelector("label[for='password']")).getText()).isEqualTo("Contraseña");
        browser.resize(Browser.PHONE);
        browser.screenshot("sign-in");
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void aPersonWhoForgotTheirPasswordChoosesANewOneWithTheLinkTheHubEmails() {
        createOwner("Ana Pérez");
        browser.open("/console/sign-in");
        new Select(browser.await(By.id("language"))).selectByValue("es");
        browser.click(By.id("forgot-password"));
        browser.type(By.id("forgot-email"), ownerEmail);
        browser.click(By.id("forgot-submit"));
        browser.awaitText(By.id("forgot-result"), "Si alguien entra con " + ownerEmail + ", le llegará un enlace.");

        FakeMail.awaitTo(ownerEmail, 2); // after the invitation
        String link = FakeMail.awaitLink(ownerEmail, "reset-password");
        browser.open(link.substring(link.indexOf("/console/")));
        browser.type(By.id("reset-password"), "corta");
        browser.type(By.id("reset-repeat"), "corta");
        browser.click(By.id("reset-submit"));
        browser.awaitText(By.id("reset-error"), "La contraseña nueva no cumple las reglas");
        browser.type(By.id("reset-password"), PASSWORD + " nueva");
        browser.type(By.id("reset-repeat"), PASSWORD + " nueva");
        browser.click(By.id("reset-submit"));
        browser.awaitText(By.id("toast"), "Contraseña cambiada: entra con ella.");
        browser.until(Duration.ofSeconds(10), d -> browser.path().equals("/console/sign-in"));

        browser.type(By.id("email"), ownerEmail);
        browser.type(By.id("password"), PASSWORD + " nueva");
        browser.click(By.id("sign-in-submit"));
        browser.await(By.id("sign-out"));
        browser.until(Duration.ofSeconds(10), d -> browser.path().startsWith("/console/inbox"));
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void anAgentCannotOpenTheSettingsOrTheApiKeys() {
        createOwner("Ana Pérez");
        String agent = "luis-" + UUID.randomUUID().toString().substring(0, 8) + "@tienda.example";
        signIn(agent, createPerson(agent, "Luis Gómez", "agent"));

        assertThat(browser.driver().findElements(By.cssSelector("a[data-nav='settings']"))).as("no settings link").isEmpty();
        assertThat(browser.fetchStatus("GET", "/api/conversations")).isEqualTo(200);
        browser.open("/console/settings");
        browser.await(By.id("forbidden"));
        assertThat(browser.fetchStatus("GET", "/api/api-keys")).isEqualTo(403);
        assertThat(browser.fetchStatus("GET", "/api/people")).isEqualTo(403);
        assertThat(browser.fetchStatus("GET", "/api/leads")).isEqualTo(403);
        assertThat(browser.fetchStatus("GET", "/api/organization/notifications")).isEqualTo(403);
        // with the session's CSRF token, so that the refusal is the role's
        assertThat(((Number) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/console/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}}).then(r => r.json())
                  .then(session => fetch('/api/organization/notifications/test', {method: 'POST', credentials: 'same-origin',
                    headers: {Accept: 'application/json', 'X-CSRF-TOKEN': session.csrf_token}}))
                  .then(r => r.json().then(body => done(r.status === 403 && body.error.code === 'forbidden' ? 403 : r.status)),
                        () => done(-1));""")).longValue()).as("an agent cannot send the owner's test message").isEqualTo(403);
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void anOwnerAddsAPersonAndCreatesAnApiKeyShownOnce() throws Exception {
        signInAsNewOwner();
        browser.click(By.cssSelector("a[data-nav='settings']"));
        String marta = "marta-" + UUID.randomUUID().toString().substring(0, 8) + "@tienda.example";
        browser.type(By.id("invite-email"), marta);
        browser.type(By.id("invite-name"), "Marta Ruiz");
        browser.click(By.id("invite"));
        browser.awaitText(By.id("people"), "Invitation e-mailed to " + marta + ": its link lets them choose their password");
        browser.await(By.id("initial-password"));
        assertThat(FakeMail.awaitTo(marta, 1).get(0).getSubject()).as("in the chatbot's language")
                .isEqualTo("WhatsApp Agent Hub: te invitan a la consola de Tienda Sol");
        browser.awaitText(By.id("people"), "Marta Ruiz");

        browser.type(By.id("api-key-name"), "Tienda online");
        browser.click(By.id("api-key-create"));
        String key = browser.await(By.cssSelector("#new-api-key code")).getText();
        assertThat(http.get("/api/organization", "Bearer " + key).statusCode()).as("the new key works").isEqualTo(200);
        browser.awaitText(By.id("api-keys"), "Tienda online");
        browser.screenshots("settings", By.id("api-keys"));
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void anOwnersMistakesInTheSettingsAreExplainedInSpanishBeforeOrAfterTheHubChecksThem() {
        signInAsNewOwner();
        new Select(browser.await(By.id("language"))).selectByValue("es");
        browser.await(By.cssSelector("a[data-nav='settings']")).click();

        browser.type(By.id("invite-email"), ownerEmail);
        browser.type(By.id("invite-name"), "Ana otra vez");
        browser.click(By.id("invite"));
        browser.awaitText(By.id("toast"), "Ya hay una persona con este correo.");

        new Select(browser.await(By.id("notify-method"))).selectByValue("slack");
        browser.click(By.id("notify-save"));
        browser.awaitText(By.id("notify-error"), "Para avisar por Slack, pega la URL de un webhook entrante de Slack.");
        browser.type(By.id("notify-slack"), "http://hooks.slack.com/services/T0/B0/x");
        browser.click(By.id("notify-save"));
        browser.awaitText(By.id("notify-error"), "La URL del webhook de Slack debe empezar por https://.");
        assertThat(json(api.get("/api/organization/notifications")).get("method").asText()).as("nothing was saved")
                .isEqualTo("disabled");

        browser.type(By.id("notify-slack"), "https://hooks.slack.com/services/T0/B0/x");
        assertThat(browser.await(By.cssSelector("label[for='notify-alerts']")).getText())
                .isEqualTo("Enviar allí también las alertas de la organización");
        browser.click(By.id("notify-alerts"));
        browser.click(By.id("notify-save"));
        browser.awaitText(By.id("toast"), "Guardado");
        var saved = json(api.get("/api/organization/notifications"));
        assertThat(saved.get("method").asText()).isEqualTo("slack");
        assertThat(saved.get("has_slack_webhook").asBoolean()).isTrue();
        assertThat(saved.get("alerts").asBoolean()).as("the organisation's alerts go to its Slack too").isTrue();
        assertThat(browser.await(By.id("notify-alerts")).isSelected()).as("the form shows what is stored").isTrue();

        // the owner tries the webhook (here the test's own Slack stand-in, written directly)
        jdbc.update("UPDATE organizations SET slack_webhook_url = ? WHERE id = ?", fake.baseUrl() + "/slack/console-test",
                tenant.organizationId());
        fake.stubFor(post(urlEqualTo("/slack/console-test")).willReturn(aResponse().withStatus(200).withBody("ok")));
        browser.click(By.id("notify-test"));
        browser.awaitText(By.id("toast"), "Mensaje de prueba enviado a Slack.");
        fake.verify(1, postRequestedFor(urlEqualTo("/slack/console-test")));

        // or by e-mail, to the owner, once the owner opens the confirmation link the console has sent
        new Select(browser.await(By.id("notify-method"))).selectByValue("email");
        browser.click(By.id("notify-save"));
        browser.awaitText(By.id("toast"), "Enlace de confirmación enviado a " + ownerEmail + ".");
        browser.awaitText(By.id("notify-email-status"), ownerEmail + " aún no está confirmada");
        assertThat(browser.driver().findElements(By.id("notify-test"))).as("nothing to test before").isEmpty();
        String link = FakeMail.awaitLink(ownerEmail, "confirm-email");
        browser.open(link.substring(link.indexOf("/console/")));
        browser.click(By.id("confirm-email-submit"));
        browser.awaitText(By.id("confirm-email-result"), "llegarán por correo a " + ownerEmail + ".");
        assertThat(browser.driver().getCurrentUrl()).as("the secret leaves the address bar").endsWith("/console/confirm-email");
        browser.open("/console/settings");
        browser.awaitText(By.id("notify-email-status"), ownerEmail + " está confirmada.");
        browser.click(By.id("notify-test"));
        browser.awaitText(By.id("toast"), "Correo de prueba enviado al propietario.");
        assertThat(FakeMail.awaitTo(ownerEmail, 3)).as("the invitation, the confirmation link and the test").hasSize(3);

        // or on WhatsApp, which needs the owner's number
        new Select(browser.await(By.id("notify-method"))).selectByValue("whatsapp");
        browser.click(By.id("notify-save"));
        browser.awaitText(By.id("notify-error"), "Para avisar por WhatsApp, escribe el número del propietario.");
        browser.type(By.id("notify-whatsapp"), "+52 1 55 9999 0000");
        browser.type(By.id("notify-template"), "owner_alert");
        browser.type(By.id("notify-template-language"), "es_MX");
        browser.click(By.id("notify-save"));
        browser.awaitText(By.id("toast"), "Guardado");
        var whatsapp = json(api.get("/api/organization/notifications"));
        assertThat(whatsapp.get("whatsapp_to").asText()).isEqualTo("5215599990000");
        assertThat(whatsapp.get("whatsapp_template").asText()).isEqualTo("owner_alert");
        assertThat(browser.await(By.id("notify-whatsapp")).getAttribute("value")).isEqualTo("+5215599990000");
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void aRequestThatCannotReachTheHubOrGetsAProxysErrorPageIsExplainedAsSuch() {
        signInAsNewOwner();
        new Select(browser.await(By.id("language"))).selectByValue("es");
        browser.driver().executeCdpCommand("Network.enable", java.util.Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of("*/api/alerts*")));

        browser.click(By.cssSelector("a[data-nav='usage']"));

        browser.awaitText(By.cssSelector("#toast .error"), "No se pudo conectar con el hub");
        browser.driver().executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", java.util.List.of()));

        // a proxy in front of the hub answers with its own error page, which is no API error
        browser.script("""
                const fetchFromHub = window.fetch;
                window.fetch = (url, options) => String(url).includes('/api/alerts')
                  ? Promise.resolve(new Response('<html><body>502 Bad Gateway</body></html>', {status: 502, headers: {'Content-Type': 'text/html'}}))
                  : fetchFromHub(url, options);""");
        browser.script("document.querySelectorAll('.toast-item').forEach(toast => toast.remove())");
        browser.click(By.cssSelector("a[data-nav='inbox']"));
        browser.click(By.cssSelector("a[data-nav='usage']"));
        browser.awaitText(By.cssSelector("#toast .error"), "El hub respondió con un error (HTTP 502)");
        browser.assertNoPageErrors();
    }

    @Test
    void aCrossSitePostWithoutTheCsrfTokenIsRefused() throws Exception {
        signInAsNewOwner();
        String customer = customerPhone();
        String contact = jdbc.queryForObject("""
                INSERT INTO contacts (organization_id, chatbot_id, phone_number, name) VALUES (?, ?, ?, 'Eva') RETURNING id::text""",
                String.class, tenant.organizationId(), tenant.chatbotId(), customer);
        Cookie session = browser.driver().manage().getCookieNamed("HUB_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();

        HttpResponse<String> forged = PLAIN.send(HttpRequest.newBuilder(URI.create(http.url("/api/contacts/" + contact + "/messages")))
                .header("Cookie", "HUB_SESSION=" + session.getValue()).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Tu cuenta está bloqueada: entra en evil.example\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(errorCode(forged)).isEqualTo("csrf");
        assertThat(textSends(customer)).as("nothing sent to the customer").isZero();
        HttpResponse<String> sessionBody = PLAIN.send(HttpRequest.newBuilder(URI.create(http.url("/console/session")))
                .header("Cookie", "HUB_SESSION=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        String csrf = json(sessionBody).get("csrf_token").asText();
        HttpResponse<String> genuine = PLAIN.send(HttpRequest.newBuilder(URI.create(http.url("/api/contacts/" + contact)))
                .header("Cookie", "HUB_SESSION=" + session.getValue()).header("X-CSRF-TOKEN", csrf)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Eva María\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(genuine.statusCode()).as("the same request with the session's token").isEqualTo(200);
    }

    @Test
    void anotherOrganisationsConversationIsNotFound() {
        Tenant other = tenants.create("Otra " + UUID.randomUUID());
        String theirs = jdbc.queryForObject("""
                INSERT INTO contacts (organization_id, chatbot_id, phone_number, name, last_inbound_at, last_message_at)
                VALUES (?, ?, ?, 'Cliente ajeno', now(), now()) RETURNING id::text""",
                String.class, other.organizationId(), other.chatbotId(), customerPhone());
        signInAsNewOwner();

        browser.open("/console/inbox/" + theirs);

        browser.await(By.id("conversation-not-found"));
        assertThat(browser.driver().findElement(By.id("conversations")).getText()).doesNotContain("Cliente ajeno");
        assertThat(browser.fetchStatus("GET", "/api/contacts/" + theirs + "/messages")).isEqualTo(404);
        assertThat(browser.fetchStatus("GET", "/api/contacts/" + theirs)).isEqualTo(404);
        browser.assertNothingLeftTheOrigin();
    }
}
