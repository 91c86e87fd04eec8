package hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import hub.Tenants.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Credentials pass through the hub's logs as little as through its answers: API keys (right and wrong),
 * the operator token, WhatsApp access tokens, the app secret and the verify token never appear in what
 * the hub logs while it authenticates, refuses and handles requests that carry them.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;

    @Test
    void noCredentialIsEverLogged(CapturedOutput output) {
        HubHttp http = new HubHttp(port);
        Tenant tenant = tenants.create("Secrets " + UUID.randomUUID());
        ApiClient api = new ApiClient(http, tenant.apiKey());
        String wrongKey = "wah_ZZZZZZZZ_" + "q".repeat(32);
        String wrongOperatorToken = "not-the-operator-" + UUID.randomUUID();
        String whatsappToken = "EAAG-" + UUID.randomUUID();

        assertThat(api.get("/api/organization").statusCode()).isEqualTo(200);
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("whatsapp_access_token", whatsappToken))
                .statusCode()).isEqualTo(200);
        assertThat(api.as(wrongKey).get("/api/organization").statusCode()).isEqualTo(401);
        assertThat(api.as(wrongOperatorToken).get("/api/admin/organizations").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/admin/organizations").statusCode()).isEqualTo(403);
        assertThat(ApiClient.operator(http).get("/api/organization").statusCode()).isEqualTo(403);
        assertThat(http.get("/actuator/prometheus", "Basic " + base64("x:" + wrongOperatorToken)).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/health", "Basic " + base64("x:" + ApiClient.OPERATOR_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(http.get("/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=42", null)
                .statusCode()).isEqualTo(200);
        assertThat(http.postWebhook(HubHttp.textMessage(tenant.phoneNumberId(), "5215512345678", "wamid.s." + UUID.randomUUID(),
                "hola"), "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);

        assertThat(output.getAll())
                .as("the refusals were logged, without their credentials")
                .contains("GET /api/organization refused: 401 unauthorized")
                .doesNotContain(tenant.apiKey())
                .doesNotContain(wrongKey)
                .doesNotContain(ApiClient.OPERATOR_TOKEN)
                .doesNotContain(wrongOperatorToken)
                .doesNotContain(whatsappToken)
                .doesNotContain(HubHttp.APP_SECRET)
                .doesNotContain("test-verify-token");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
