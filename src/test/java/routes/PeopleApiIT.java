package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import hub.ApiClient;
import hub.ConsoleBrowser;
import hub.FakeMail;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The organisation's people and API keys through the real port: the operator adds an organisation's first owner,
 * owners add agents and owners, change and deactivate them, reset their passwords and manage the API keys; agents
 * may do none of it; another organisation's ids are not found; the last active owner stays.
 */
@IntegrationTest
class PeopleApiIT {

    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    HubHttp http;
    ApiClient operator;
    Tenant acme;
    Tenant globex;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        operator = ApiClient.operator(http);
        acme = tenants.create("People " + UUID.randomUUID());
        globex = tenants.create("Other " + UUID.randomUUID());
    }

    @Test
    void theOperatorAddsAnOrganisationsFirstOwner() {
        String email = "First.Owner-" + UUID.randomUUID() + "@Example.com";
        String path = "/api/admin/organizations/" + acme.organizationId() + "/owners";
        HttpResponse<String> created = operator.post(path, Map.of("email", email, "full_name", "First Owner"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode owner = ApiClient.json(created);
        assertThat(owner.get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(owner.get("role").asText()).isEqualTo("owner");
        assertThat(owner.get("must_change_password").asBoolean()).isTrue();
        assertThat(owner.has("password_hash")).isFalse();

        assertThat(ApiClient.errorCode(operator.post(path, Map.of("email", email.toUpperCase())))).isEqualTo("email_taken");
        assertThat(operator.post("/api/admin/organizations/" + UUID.randomUUID() + "/owners",
                Map.of("email", "x@example.com")).statusCode()).isEqualTo(404);
        assertThat(operator.post(path, Map.of("email", "not an address")).statusCode()).isEqualTo(400);
        assertThat(new ApiClient(http, acme.apiKey()).post(path, Map.of("email", "y@example.com")).statusCode()).isEqualTo(403);
        assertThat(new ApiClient(http, null).post(path, Map.of("email", "y@example.com")).statusCode()).isEqualTo(401);

        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, email, owner.get("initial_password").asText());
        assertThat(browser.session().at("/user/must_change_password").asBoolean()).isTrue();
    }

    @Test
    void ownersManagePeopleAndAgentsMayNot() {
        ConsoleBrowser owner = signedIn(acme, "owner");
        String agentEmail = "agent-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = owner.post("/api/people", Map.of("email", agentEmail, "full_name", "Ana", "role", "agent"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String agentId = ApiClient.json(created).get("id").asText();
        assertThat(owner.post("/api/people", Map.of("email", agentEmail, "role", "owner")).statusCode()).isEqualTo(409);
        assertThat(ApiClient.errorCode(owner.post("/api/people", Map.of("email", "z@example.com", "role", "admin"))))
                .isEqualTo("invalid_field");

        JsonNode people = ApiClient.json(owner.get("/api/people"));
        assertThat(people.get("items")).hasSize(2);
        assertThat(people.toString()).doesNotContain("password_hash", "initial_password", "$2a$", "{bcrypt}");

        HttpResponse<String> renamed = owner.patch("/api/people/" + agentId, Map.of("full_name", "Ana María"));
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(renamed).get("full_name").asText()).isEqualTo("Ana María");
        assertThat(ApiClient.json(renamed).get("role").asText()).isEqualTo("agent");
        assertThat(owner.patch("/api/people/" + agentId, Map.of()).statusCode()).isEqualTo(400);
        assertThat(owner.patch("/api/people/" + agentId, Map.of("role", "root")).statusCode()).isEqualTo(400);

        // the agent: signs in, changes the initial password, works with the API, but not with people or keys
        ConsoleBrowser agent = ConsoleBrowser.signedIn(http, agentEmail, ApiClient.json(created).get("initial_password").asText());
        agent.post("/console/password", Map.of("current_password", ApiClient.json(created).get("initial_password").asText(),
                "new_password", PASSWORD));
        assertThat(agent.get("/api/organization").statusCode()).isEqualTo(200);
        assertThat(agent.get("/api/chatbots").statusCode()).isEqualTo(200);
        for (String path : List.of("/api/people", "/api/people/", "/api/api-keys", "/api/api-keys/", "/api/leads", "/api/leads/", "/api/leads/export",
                "/api/organization/notifications", "/api/organization/notifications/")) {
            HttpResponse<String> refused = agent.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(ApiClient.errorCode(refused)).as(path).isEqualTo("forbidden");
        }
        assertThat(agent.post("/api/people", Map.of("email", "sneaky@example.com", "role", "owner")).statusCode()).isEqualTo(403);
        assertThat(agent.patch("/api/people/" + agentId, Map.of("role", "owner")).statusCode()).isEqualTo(403);
        assertThat(agent.post("/api/api-keys", Map.of("name", "mine")).statusCode()).isEqualTo(403);

        // promoted: the same session is an owner at its next request
        assertThat(owner.patch("/api/people/" + agentId, Map.of("role", "owner")).statusCode()).isEqualTo(200);
        assertThat(agent.get("/api/people").statusCode()).isEqualTo(200);

        // deactivated: signed out at once, and cannot sign in again
        assertThat(owner.patch("/api/people/" + agentId, Map.of("is_active", false)).statusCode()).isEqualTo(200);
        assertThat(agent.get("/api/organization").statusCode()).isEqualTo(401);
        assertThat(new ConsoleBrowser(http).signIn(agentEmail, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void aNewPersonIsEmailedAnInvitationToChooseTheirOwnPassword() throws Exception {
        ApiClient api = new ApiClient(http, acme.apiKey());
        assertThat(api.send("PATCH", "/api/chatbots/" + acme.chatbotId(), Map.of("language", "es")).statusCode()).isEqualTo(200);
        String email = "invited-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> created = api.post("/api/people", Map.of("email", email, "full_name", "Marta", "role", "agent"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(ApiClient.json(created).get("invitation_sent").asBoolean()).isTrue();
        MimeMessage invitation = FakeMail.awaitTo(email, 1).get(0);
        assertThat(invitation.getSubject()).startsWith("WhatsApp Agent Hub: te invitan a la consola de People ");
        assertThat(FakeMail.text(invitation)).contains("Después entra con " + email + ".");
        assertThat(jdbc.queryForObject("SELECT expires_at BETWEEN now() + interval '167 hours' AND now() + interval '7 days' "
                + "FROM password_resets WHERE user_id = ?::uuid", Boolean.class, ApiClient.json(created).get("id").asText()))
                .as("good for 7 days").isTrue();

        String link = FakeMail.awaitLink(email, "reset-password");
        ConsoleBrowser anyone = new ConsoleBrowser(http);
        anyone.session();
        HttpResponse<String> chosen = anyone.post("/console/password-reset/complete",
                Map.of("token", link.substring(link.indexOf('#') + 1), "new_password", PASSWORD));
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(204);
        ConsoleBrowser marta = ConsoleBrowser.signedIn(http, email, PASSWORD);
        assertThat(marta.session().at("/user/must_change_password").asBoolean()).as("a password of her own").isFalse();
        assertThat(marta.get("/api/organization").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherOrganisationsPeopleAreNotFound() {
        ConsoleBrowser owner = signedIn(acme, "owner");
        ConsoleBrowser other = signedIn(globex, "owner");
        String otherId = other.session().at("/user/id").asText();
        assertThat(owner.patch("/api/people/" + otherId, Map.of("full_name", "Mallory")).statusCode()).isEqualTo(404);
        assertThat(owner.post("/api/people/" + otherId + "/password-reset", null).statusCode()).isEqualTo(404);
        assertThat(owner.patch("/api/people/not-a-uuid", Map.of("full_name", "x")).statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(owner.get("/api/people")).toString()).doesNotContain(otherId);
        assertThat(new ApiClient(http, acme.apiKey()).patch("/api/people/" + otherId, Map.of("is_active", false)).statusCode())
                .isEqualTo(404);
        assertThat(other.get("/api/organization").statusCode()).isEqualTo(200);
    }

    @Test
    void theLastActiveOwnerStays() {
        ConsoleBrowser owner = signedIn(acme, "owner");
        String ownerId = owner.session().at("/user/id").asText();
        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("role", "agent"), Map.of("is_active", false))) {
            HttpResponse<String> refused = owner.patch("/api/people/" + ownerId, change);
            assertThat(refused.statusCode()).as("%s", change).isEqualTo(409);
            assertThat(ApiClient.errorCode(refused)).isEqualTo("last_owner");
        }
        HttpResponse<String> second = owner.post("/api/people", Map.of("email", "second-" + UUID.randomUUID() + "@example.com",
                "role", "owner"));
        assertThat(second.statusCode()).isEqualTo(201);
        String secondId = ApiClient.json(second).get("id").asText();
        assertThat(owner.patch("/api/people/" + secondId, Map.of("is_active", false)).statusCode()).isEqualTo(200);
        assertThat(owner.patch("/api/people/" + ownerId, Map.of("role", "agent")).statusCode()).as("the other owner is inactive")
                .isEqualTo(409);
        assertThat(owner.patch("/api/people/" + secondId, Map.of("is_active", true)).statusCode()).isEqualTo(200);
        HttpResponse<String> demoted = owner.patch("/api/people/" + ownerId, Map.of("role", "agent"));
        assertThat(demoted.statusCode()).isEqualTo(200);
        assertThat(owner.get("/api/people").statusCode()).as("demoted: an agent now").isEqualTo(403);
    }

    @Test
    void aPasswordResetGivesANewInitialPasswordAndSignsThePersonOut() throws Exception {
        ConsoleBrowser owner = signedIn(acme, "owner");
        String email = "reset-" + UUID.randomUUID() + "@example.com";
        JsonNode created = ApiClient.json(owner.post("/api/people", Map.of("email", email, "role", "agent")));
        String initial = created.get("initial_password").asText();
        ConsoleBrowser person = ConsoleBrowser.signedIn(http, email, initial);
        HttpResponse<String> reset = owner.post("/api/people/" + created.get("id").asText() + "/password-reset", null);
        assertThat(reset.statusCode()).isEqualTo(200);
        String next = ApiClient.json(reset).get("initial_password").asText();
        assertThat(next).isNotEqualTo(initial);
        assertThat(person.get("/console/session").body()).doesNotContain("\"user\"");
        assertThat(new ConsoleBrowser(http).signIn(email, initial).statusCode()).isEqualTo(401);
        ConsoleBrowser again = ConsoleBrowser.signedIn(http, email, next);
        assertThat(again.session().at("/user/must_change_password").asBoolean()).isTrue();

        // and the person was e-mailed a link to choose their own, after the invitation
        assertThat(ApiClient.json(reset).get("link_sent").asBoolean()).isTrue();
        MimeMessage told = FakeMail.awaitTo(email, 2).get(1);
        assertThat(told.getSubject()).startsWith("WhatsApp Agent Hub: se restableció tu contraseña de la consola de People ");
        String link = FakeMail.awaitLink(email, "reset-password");
        ConsoleBrowser anyone = new ConsoleBrowser(http);
        anyone.session();
        assertThat(anyone.post("/console/password-reset/complete",
                Map.of("token", link.substring(link.indexOf('#') + 1), "new_password", PASSWORD)).statusCode()).isEqualTo(204);
        assertThat(ConsoleBrowser.signedIn(http, email, PASSWORD).session().at("/user/must_change_password").asBoolean()).isFalse();
    }

    @Test
    void ownersCreateAndRevokeTheOrganisationsApiKeys() {
        ConsoleBrowser owner = signedIn(acme, "owner");
        HttpResponse<String> created = owner.post("/api/api-keys", Map.of("name", "shop integration"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = ApiClient.json(created);
        String plaintext = key.get("key").asText();
        assertThat(plaintext).startsWith("wah_");
        assertThat(key.get("created_by").asText()).startsWith("owner-");

        ApiClient program = new ApiClient(http, plaintext);
        assertThat(program.get("/api/organization").statusCode()).isEqualTo(200);
        assertThat(program.get("/api/api-keys").statusCode()).as("an API key counts as an owner").isEqualTo(200);
        JsonNode keys = ApiClient.json(owner.get("/api/api-keys"));
        assertThat(keys.toString()).contains(key.get("key_prefix").asText()).doesNotContain(plaintext);

        String otherKey = ApiClient.json(operator.get("/api/admin/organizations/" + globex.organizationId() + "/api-keys"))
                .at("/items/0/id").asText();
        assertThat(owner.delete("/api/api-keys/" + otherKey).statusCode()).isEqualTo(404);
        assertThat(new ApiClient(http, globex.apiKey()).get("/api/organization").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = owner.delete("/api/api-keys/" + key.get("id").asText());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(revoked).get("active").asBoolean()).isFalse();
        assertThat(program.get("/api/organization").statusCode()).isEqualTo(401);
        assertThat(new ApiClient(http, acme.apiKey()).get("/api/organization").statusCode()).isEqualTo(200);
    }

    /** A person of {@code tenant} with {@code role}, signed in with {@link #PASSWORD}. */
    private ConsoleBrowser signedIn(Tenant tenant, String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.com";
        JsonNode created = ApiClient.json(new ApiClient(http, tenant.apiKey()).post("/api/people",
                Map.of("email", email, "full_name", "Test " + role, "role", role)));
        String initial = created.get("initial_password").asText();
        ConsoleBrowser browser = ConsoleBrowser.signedIn(http, email, initial);
        HttpResponse<String> changed = browser.post("/console/password", Map.of("current_password", initial, "new_password", PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        return browser;
    }
}
