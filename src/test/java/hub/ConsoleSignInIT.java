package hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.Tenants.Tenant;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signing in to the console through the real port, as a browser and as an attacker would: the session cookie and
 * its attributes, the CSRF token on every change made with the cookie, the same answer for a wrong password and an
 * unknown address, the lockout, sign-out, the initial password that must be changed, and the pages a signed-out
 * browser is sent away from, whatever the spelling of their path.
 */
@IntegrationTest
class ConsoleSignInIT {

    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProducerTemplate camel;

    HubHttp http;
    ApiClient operator;
    Tenant acme;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        operator = ApiClient.operator(http);
        acme = tenants.create("Console " + UUID.randomUUID());
    }

    /** An owner created by the operator, who has replaced the initial password with {@link #PASSWORD}. */
    static String owner(HubHttp http, Tenant tenant) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = ApiClient.operator(http).post("/api/admin/organizations/" + tenant.organizationId() + "/owners",
                Map.of("email", email, "full_name", "Olga Owner"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, email, ApiClient.json(created).get("initial_password").asText());
        HttpResponse<String> changed = browser.post("/console/password",
                Map.of("current_password", ApiClient.json(created).get("initial_password").asText(), "new_password", PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        return email;
    }

    @Test
    void aPersonSignsInToANewSessionKeptInPostgresql() {
        String email = owner(http, acme);
        ConsoleBrowser browser = new ConsoleBrowser(http);
        JsonNode signedOut = browser.session();
        assertThat(signedOut.has("user")).isFalse();
        assertThat(signedOut.get("csrf_token").asText()).isNotBlank();
        String anonymousCookie = browser.cookie();
        assertThat(anonymousCookie).isNotNull();
        assertThat(browser.lastSetCookie()).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
        assertThat(maxInactiveSeconds(anonymousCookie)).as("a session nobody signed in with is short-lived").isEqualTo(1800);

        HttpResponse<String> signIn = browser.signIn(email.toUpperCase(), PASSWORD);
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        JsonNode user = ApiClient.json(signIn).get("user");
        assertThat(user.get("email").asText()).isEqualTo(email);
        assertThat(user.get("role").asText()).isEqualTo("owner");
        assertThat(user.get("organization_id").asText()).isEqualTo(acme.organizationId().toString());
        assertThat(user.get("must_change_password").asBoolean()).isFalse();
        // session fixation: the session gets a new id at sign-in; the id the browser had before names nothing
        assertThat(browser.cookie()).isNotEqualTo(anonymousCookie);
        assertThat(browser.lastSetCookie()).contains("HttpOnly", "SameSite=Lax");
        assertThat(new ConsoleBrowser(http).useCookie(anonymousCookie).get("/api/organization").statusCode()).isEqualTo(401);

        HttpResponse<String> organization = browser.get("/api/organization");
        assertThat(organization.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(organization).get("id").asText()).isEqualTo(acme.organizationId().toString());
        assertThat(ApiClient.json(browser.get("/console/session")).at("/user/email").asText()).isEqualTo(email);

        assertThat(maxInactiveSeconds(browser.cookie())).as("hub.console.session-timeout").isEqualTo(8 * 3600);
        String sessionId = sessionId(browser.cookie());
        UUID userId = UUID.fromString(user.get("id").asText());
        assertThat(jdbc.queryForObject("SELECT principal_name FROM spring_session WHERE session_id = ?", String.class, sessionId))
                .isEqualTo("user:" + userId);
        assertThat(jdbc.queryForObject("SELECT last_login_at IS NOT NULL FROM users WHERE id = ?", Boolean.class, userId)).isTrue();
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        String email = owner(http, acme);
        HttpResponse<String> wrong = new ConsoleBrowser(http).signIn(email, "not the password at all");
        HttpResponse<String> unknown = new ConsoleBrowser(http).signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
        HttpResponse<String> empty = new ConsoleBrowser(http).signIn(email, "");
        for (HttpResponse<String> answer : List.of(wrong, unknown, empty)) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo(wrong.body());
            assertThat(ApiClient.errorCode(answer)).isEqualTo("invalid_credentials");
            assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
        }
        ConsoleBrowser malformed = new ConsoleBrowser(http);
        malformed.session();
        for (String body : List.of("{\"email\":\"" + email + "\"}", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"owner\"}", "not json", "{\"email\":7,\"password\":\"" + PASSWORD + "\"}", "[]", "")) {
            HttpResponse<String> refused = malformed.post("/console/sign-in", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(ApiClient.errorCode(refused)).as(body).isIn("missing_field", "unknown_field", "invalid_json", "invalid_field");
        }
        // a form on another site can post text/plain without asking first: signing in takes JSON only
        HttpResponse<String> formText = http.send(HttpRequest.newBuilder(URI.create(http.url("/console/sign-in")))
                .header("Cookie", ConsoleBrowser.COOKIE + "=" + malformed.cookie()).header("X-CSRF-TOKEN", malformed.csrfToken())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")).build());
        assertThat(formText.statusCode() + " " + ApiClient.errorCode(formText)).isEqualTo("415 unsupported_media_type");
        assertThat(formText.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(malformed.get("/api/organization").statusCode()).isEqualTo(401);
        HttpResponse<String> deactivated = new ConsoleBrowser(http).signIn(email, PASSWORD);
        assertThat(deactivated.statusCode()).isEqualTo(200);
        jdbc.update("UPDATE organizations SET is_active = false WHERE id = ?", acme.organizationId());
        HttpResponse<String> inactive = new ConsoleBrowser(http).signIn(email, PASSWORD);
        assertThat(inactive.statusCode()).isEqualTo(401);
        assertThat(inactive.body()).isEqualTo(wrong.body());
    }

    @Test
    void fiveFailuresInARowLockTheAddressForEverySession() {
        String email = owner(http, acme);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = new ConsoleBrowser(http).signIn(email, "wrong password " + i);
            assertThat(failed.statusCode()).isEqualTo(401);
        }
        for (String password : List.of(PASSWORD, "wrong again")) {
            HttpResponse<String> locked = new ConsoleBrowser(http).signIn(email, password);
            assertThat(locked.statusCode()).isEqualTo(423);
            assertThat(ApiClient.errorCode(locked)).isEqualTo("account_locked");
            assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(850L, 900L);
        }
        // the lock is in PostgreSQL: once it is over, the right password signs in and the count starts again
        jdbc.update("UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE email = ?", email);
        assertThat(new ConsoleBrowser(http).signIn(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sign_in_failures WHERE email = ?", Long.class, email)).isZero();

        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) {
            assertThat(new ConsoleBrowser(http).signIn(unknown, "guess " + i).statusCode()).isEqualTo(401);
        }
        assertThat(new ConsoleBrowser(http).signIn(unknown, "guess").statusCode()).as("unknown addresses lock alike").isEqualTo(423);

        // the hourly job forgets addresses without a failure for a day, but not a running lock
        assertThat(camel.requestBody("direct:sign-in-failures-cleanup", null, Integer.class)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sign_in_failures WHERE email = ?", Long.class, unknown)).isOne();
        jdbc.update("UPDATE sign_in_failures SET updated_at = now() - interval '25 hours', locked_until = now() - interval '1 hour' "
                + "WHERE email = ?", unknown);
        camel.requestBody("direct:sign-in-failures-cleanup", null, Integer.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sign_in_failures WHERE email = ?", Long.class, unknown)).isZero();
    }

    @Test
    void aForgottenPasswordIsChosenAgainWithTheLinkEmailedToTheSignInAddress() throws Exception {
        String email = owner(http, acme);
        ConsoleBrowser elsewhere = ConsoleBrowser.signedIn(http, email, PASSWORD);
        ConsoleBrowser anyone = new ConsoleBrowser(http);
        anyone.session();

        // the same answer whether or not someone signs in with the address
        HttpResponse<String> known = anyone.post("/console/password-reset", Map.of("email", email.toUpperCase(), "language", "es"));
        HttpResponse<String> unknown = anyone.post("/console/password-reset",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "language", "es"));
        assertThat(known.statusCode()).as(known.body()).isEqualTo(202);
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        // after the invitation the operator's new owner got
        MimeMessage mail = FakeMail.awaitTo(email, 2).get(1);
        assertThat(mail.getSubject()).isEqualTo("WhatsApp Agent Hub: elige una contraseña nueva");
        String link = FakeMail.awaitLink(email, "reset-password");
        assertThat(link).startsWith("http://localhost:8080/console/reset-password#");
        String secret = link.substring(link.indexOf('#') + 1);
        // one link every two minutes: the e-mails go out in order, so once a later one arrived, the repeat sent nothing
        anyone.post("/console/password-reset", Map.of("email", email));
        String other = owner(http, acme);
        anyone.post("/console/password-reset", Map.of("email", other));
        FakeMail.awaitTo(other, 2);
        String otherLink = FakeMail.awaitLink(other, "reset-password");
        assertThat(FakeMail.to(email)).hasSize(2);
        assertThat(ApiClient.errorCode(anyone.post("/console/password-reset", Map.of("email", "not an address"))))
                .isEqualTo("invalid_field");

        for (String wrong : new String[] {secret + "x", otherLink.substring(otherLink.indexOf('#') + 2), "", "a".repeat(101)}) {
            HttpResponse<String> refused = anyone.post("/console/password-reset/complete", Map.of("token", wrong, "new_password", "otra clave larga"));
            assertThat(refused.statusCode()).as(wrong).isIn(400, 404);
        }
        HttpResponse<String> weak = anyone.post("/console/password-reset/complete", Map.of("token", secret, "new_password", "corta"));
        assertThat(ApiClient.errorCode(weak)).isEqualTo("weak_password");
        HttpResponse<String> chosen = anyone.post("/console/password-reset/complete",
                Map.of("token", secret, "new_password", "una clave nueva y larga"));
        assertThat(chosen.statusCode()).as("the link stayed good after the weak password: " + chosen.body()).isEqualTo(204);
        assertThat(ApiClient.errorCode(anyone.post("/console/password-reset/complete",
                Map.of("token", secret, "new_password", "y otra clave larga")))).as("once").isEqualTo("link_not_valid");

        assertThat(new ConsoleBrowser(http).signIn(email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new ConsoleBrowser(http).signIn(email, "una clave nueva y larga").statusCode()).isEqualTo(200);
        assertThat(elsewhere.get("/api/organization").statusCode()).as("signed out everywhere").isEqualTo(401);

        // a link is good for an hour
        String ofOther = "WHERE user_id = (SELECT id FROM users WHERE email = ?)";
        assertThat(jdbc.queryForObject("SELECT expires_at BETWEEN now() + interval '59 minutes' AND now() + interval '1 hour' "
                + "FROM password_resets " + ofOther, Boolean.class, other)).isTrue();
        jdbc.update("UPDATE password_resets SET expires_at = now() - interval '1 second' " + ofOther, other);
        assertThat(ApiClient.errorCode(anyone.post("/console/password-reset/complete",
                Map.of("token", otherLink.substring(otherLink.indexOf('#') + 1), "new_password", "una clave nueva y larga"))))
                .isEqualTo("link_not_valid");
        assertThat(new ConsoleBrowser(http).signIn(other, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void changesMadeWithTheCookieNeedTheCsrfToken() {
        String email = owner(http, acme);
        ConsoleBrowser stranger = new ConsoleBrowser(http);
        stranger.session();
        Map<String, String> credentials = Map.of("email", email, "password", PASSWORD);
        for (String token : new String[] {null, "", "not-the-token", stranger.csrfToken() + "x"}) {
            HttpResponse<String> refused = stranger.sendWithToken("POST", "/console/sign-in", credentials, token);
            assertThat(refused.statusCode()).as("token %s", token).isEqualTo(403);
            assertThat(ApiClient.errorCode(refused)).isEqualTo("csrf");
        }
        HttpResponse<String> noCookie = new ConsoleBrowser(http).sendWithToken("POST", "/console/sign-in", credentials, stranger.csrfToken());
        assertThat(noCookie.statusCode()).as("a token without its session").isEqualTo(403);

        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, email, PASSWORD);
        Map<String, String> key = Map.of("name", "from the console");
        String oldToken = stranger.csrfToken();
        for (String token : new String[] {null, "forged", oldToken}) {
            HttpResponse<String> refused = browser.sendWithToken("POST", "/api/api-keys", key, token, "Origin", "https://evil.example");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(ApiClient.errorCode(refused)).isEqualTo("csrf");
            HttpResponse<String> deleted = browser.sendWithToken("PATCH", "/api/contacts/" + UUID.randomUUID(), Map.of("name", "x"), token);
            assertThat(deleted.statusCode()).isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE organization_id = ? AND name = 'from the console'",
                Long.class, acme.organizationId())).isZero();
        assertThat(browser.post("/api/api-keys", key).statusCode()).isEqualTo(201);
        assertThat(browser.get("/api/api-keys").statusCode()).as("reading needs no token").isEqualTo(200);

        // a program's bearer key needs no token, and a cookie sent along with it changes nothing
        ApiClient program = new ApiClient(http, acme.apiKey());
        assertThat(program.post("/api/api-keys", Map.of("name", "program")).statusCode()).isEqualTo(201);
        HttpResponse<String> both = browser.sendWithToken("POST", "/api/api-keys", Map.of("name", "both"), null,
                "Authorization", "Bearer " + acme.apiKey());
        assertThat(both.statusCode()).isEqualTo(201);
        assertThat(browser.sendWithToken("GET", "/api/organization", null, null, "Authorization", "Bearer wah_wrong_key").statusCode())
                .as("a bearer key is judged as it is, session or not").isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() {
        String email = owner(http, acme);
        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, email, PASSWORD);
        String cookie = browser.cookie();
        assertThat(browser.sendWithToken("POST", "/console/sign-out", null, null).statusCode()).as("sign-out needs the token").isEqualTo(403);
        assertThat(browser.get("/api/organization").statusCode()).isEqualTo(200);

        HttpResponse<String> signOut = browser.post("/console/sign-out", null);
        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE session_id = ?", Long.class, sessionId(cookie)))
                .isZero();

        ConsoleBrowser kept = new ConsoleBrowser(http).useCookie(cookie);
        HttpResponse<String> api = kept.get("/api/organization");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(kept.get("/console/inbox").statusCode()).isEqualTo(302);
        assertThat(kept.get("/console/session").body()).doesNotContain("\"user\"");
    }

    @Test
    void anInitialPasswordMustBeChangedBeforeTheApi() {
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = new ApiClient(http, acme.apiKey()).post("/api/people",
                Map.of("email", email, "full_name", "Ana Agent", "role", "agent"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String initial = ApiClient.json(created).get("initial_password").asText();
        assertThat(initial).hasSizeGreaterThanOrEqualTo(10);

        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, email, initial);
        assertThat(browser.session().at("/user/must_change_password").asBoolean()).isTrue();
        for (String path : List.of("/api/organization", "/api/chatbots", "/api/people")) {
            HttpResponse<String> refused = browser.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(ApiClient.errorCode(refused)).as(path).isEqualTo("password_change_required");
        }
        assertThat(browser.get("/console/inbox").statusCode()).isEqualTo(200);

        assertThat(ApiClient.errorCode(browser.post("/console/password", Map.of("current_password", initial, "new_password", "short"))))
                .isEqualTo("weak_password");
        assertThat(browser.post("/console/password", Map.of("current_password", initial, "new_password", email)).statusCode())
                .isEqualTo(422);
        assertThat(browser.post("/console/password", Map.of("current_password", initial, "new_password", initial)).statusCode())
                .isEqualTo(422);
        HttpResponse<String> wrongCurrent = browser.post("/console/password",
                Map.of("current_password", "not the initial one", "new_password", PASSWORD));
        assertThat(wrongCurrent.statusCode()).isEqualTo(403);
        assertThat(ApiClient.errorCode(wrongCurrent)).isEqualTo("invalid_credentials");
        assertThat(browser.post("/console/password", Map.of("current_password", initial, "newpassword", PASSWORD)).statusCode())
                .isEqualTo(400);

        assertThat(browser.post("/console/password", Map.of("current_password", initial, "new_password", PASSWORD)).statusCode())
                .isEqualTo(204);
        assertThat(browser.get("/api/organization").statusCode()).isEqualTo(200);
        assertThat(browser.session().at("/user/must_change_password").asBoolean()).isFalse();
        assertThat(new ConsoleBrowser(http).signIn(email, initial).statusCode()).isEqualTo(401);
        assertThat(new ConsoleBrowser(http).signIn(email, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesSendASignedOutBrowserToSignInWhateverTheSpelling() throws IOException {
        ConsoleBrowser signedOut = new ConsoleBrowser(http);
        for (String page : List.of("/console", "/console/", "/console/inbox", "/console/inbox/" + UUID.randomUUID(),
                "/console/settings", "/console/index.html")) {
            HttpResponse<String> answer = signedOut.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/console/sign-in");
            assertThat(answer.body()).as(page).doesNotContain("<html");
        }
        HttpResponse<String> signInPage = signedOut.get("/console/sign-in");
        assertThat(signInPage.statusCode()).isEqualTo(200);
        assertThat(signInPage.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertConsoleHeaders(signInPage);
        assertThat(signedOut.get("/console/assets/missing.js").statusCode()).as("assets are public: not found, not redirected")
                .isEqualTo(404);

        for (String spelling : List.of("/console//inbox", "/console/%69nbox", "/console/assets/../inbox", "/console/assets/%2e%2e/inbox",
                "/console/./inbox", "/console;x=1/inbox", "/%63onsole/inbox", "/console/assets/..%2finbox")) {
            String answer = raw("GET " + spelling);
            assertThat(answer).as(spelling).startsWith("HTTP/1.1 400").doesNotContain("<html");
        }

        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, owner(http, acme), PASSWORD);
        for (String page : List.of("/console", "/console/inbox", "/console/inbox/" + UUID.randomUUID(), "/console/knowledge",
                "/console/settings", "/console/sign-in")) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(page).startsWith("text/html");
            assertThat(answer.body()).as(page).containsIgnoringCase("<html");
            assertConsoleHeaders(answer);
        }
        assertThat(browser.send("HEAD", "/console/inbox", null).statusCode()).isIn(401, 403);
        assertThat(new ApiClient(http, acme.apiKey()).get("/console/inbox").statusCode()).as("an API key is no person").isEqualTo(403);
    }

    @Test
    void noSpellingOfAnOwnersPathLetsAnAgentsSessionThrough() throws IOException {
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        JsonNode created = ApiClient.json(new ApiClient(http, acme.apiKey()).post("/api/people", Map.of("email", email, "role", "agent")));
        ConsoleBrowser agent = ConsoleBrowser.signedIn(http, email, created.get("initial_password").asText());
        agent.post("/console/password", Map.of("current_password", created.get("initial_password").asText(), "new_password", PASSWORD));
        String cookie = "Cookie: " + ConsoleBrowser.COOKIE + "=" + agent.cookie();
        for (String path : List.of("/api/people", "/api/api-keys")) {
            for (String spelling : SecurityPathsIT.spellings(path)) {
                String answer = raw("GET " + spelling, cookie);
                int status = Integer.parseInt(answer.substring(9, 12));
                assertThat(status).as("%s answered %s", spelling, answer).isIn(400, 401, 403, 404);
                assertThat(answer).as(spelling).doesNotContain("\"items\"", email, acme.apiKey().substring(0, 12));
            }
        }
        assertThat(raw("GET /api/organization", cookie)).as("the same session elsewhere").startsWith("HTTP/1.1 200");
    }

    @Test
    void theWebhookNeverTouchesSessions() {
        HttpResponse<String> verify = http.get("/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=7", null);
        assertThat(verify.body()).isEqualTo("7");
        assertThat(verify.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(http.get("/api/organization", "Bearer " + acme.apiKey()).headers().firstValue("Set-Cookie"))
                .as("an API key's request starts no session").isEmpty();
    }

    /** The session id a cookie names (Spring Session writes it base64-encoded). */
    private static String sessionId(String cookie) {
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }

    private int maxInactiveSeconds(String cookie) {
        return jdbc.queryForObject("SELECT max_inactive_interval FROM spring_session WHERE session_id = ?", Integer.class,
                sessionId(cookie));
    }

    private static void assertConsoleHeaders(HttpResponse<String> page) {
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
    }

    /** One request written byte for byte (no client normalises the path); the whole answer as text. */
    private String raw(String requestLine, String... headerLines) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + String.join("", Arrays.stream(headerLines).map(line -> line + "\r\n").toList()) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
