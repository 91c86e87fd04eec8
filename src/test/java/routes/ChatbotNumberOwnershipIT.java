package routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static hub.FakeOutside.Service.GRAPH_API;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import hub.ApiClient;
import hub.FakeOutside;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A WhatsApp number belongs to whoever controls it: a tenant sets a phone number id only with an access
 * token that Meta's Graph API (WireMock here) confirms controls it, and a refusal looks the same whether or
 * not another organisation uses the number. The operator assigns numbers without that check.
 */
@IntegrationTest
class ChatbotNumberOwnershipIT {

    @RegisterExtension
    static final FakeOutside meta = new FakeOutside(GRAPH_API);

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    Tenant acme;
    Tenant globex;
    ApiClient api;

    @BeforeEach
    void setUp() {
        acme = tenants.create("Acme " + UUID.randomUUID());
        globex = tenants.create("Globex " + UUID.randomUUID());
        api = new ApiClient(new HubHttp(port), acme.apiKey());
        // Meta's answer to a token that does not control the number (OAuth error 100)
        meta.stubFor(get(urlPathMatching("/v22.0/[^/]+")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\",\"code\":100}}")));
    }

    @Test
    void aNumberWhoseTokenMetaConfirmsIsAccepted() {
        String number = uniqueNumber();
        metaConfirms(number, "EAAG-owner");

        var created = api.post("/api/chatbots", Map.of("name", "Ventas", "whatsapp_phone_number_id", number,
                "whatsapp_access_token", "EAAG-owner"));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("whatsapp_phone_number_id").asText()).isEqualTo(number);
        meta.verify(getRequestedFor(urlPathEqualTo("/v22.0/" + number)).withHeader("Authorization", equalTo("Bearer EAAG-owner")));
    }

    @Test
    void aTokenThatDoesNotControlTheNumberIsRefusedAlikeForFreeAndTakenNumbers() {
        var free = api.post("/api/chatbots", Map.of("name", "Ajeno", "whatsapp_phone_number_id", uniqueNumber(),
                "whatsapp_access_token", "EAAG-guess"));
        var taken = api.post("/api/chatbots", Map.of("name", "Ajeno", "whatsapp_phone_number_id", globex.phoneNumberId(),
                "whatsapp_access_token", "EAAG-guess"));

        assertThat(free.statusCode()).isEqualTo(422);
        assertThat(errorCode(free)).isEqualTo("phone_number_not_verified");
        assertThat(taken.statusCode()).as("no hint that another organisation uses the number").isEqualTo(422);
        assertThat(errorCode(taken)).isEqualTo("phone_number_not_verified");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM chatbots WHERE organization_id = ?", Integer.class,
                acme.organizationId())).isEqualTo(1);
    }

    @Test
    void aTenantCannotMoveItsChatbotOntoAnotherOrganisationsNumber() {
        var moved = api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("whatsapp_phone_number_id", globex.phoneNumberId(),
                "whatsapp_access_token", "EAAG-guess"));

        assertThat(moved.statusCode()).isEqualTo(422);
        assertThat(errorCode(moved)).isEqualTo("phone_number_not_verified");
        assertThat(jdbc.queryForObject("SELECT whatsapp_phone_number_id FROM chatbots WHERE id = ?", String.class,
                acme.chatbotId())).isEqualTo(acme.phoneNumberId());
        assertThat(jdbc.queryForObject("SELECT organization_id FROM chatbots WHERE whatsapp_phone_number_id = ?", UUID.class,
                globex.phoneNumberId())).isEqualTo(globex.organizationId());
    }

    @Test
    void aNewTokenForTheCurrentNumberIsCheckedToo() {
        var wrong = api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("whatsapp_access_token", "EAAG-other-number"));
        assertThat(errorCode(wrong)).isEqualTo("phone_number_not_verified");

        metaConfirms(acme.phoneNumberId(), "EAAG-right");
        var right = api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("whatsapp_access_token", "EAAG-right"));
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(json(right).get("has_access_token").asBoolean()).isTrue();
    }

    @Test
    void whenMetaCannotBeReachedNothingChangesAndTheTenantMayRetry() {
        String number = uniqueNumber();
        meta.stubFor(get(urlPathEqualTo("/v22.0/" + number)).willReturn(aResponse().withStatus(503)));

        var created = api.post("/api/chatbots", Map.of("name", "Luego", "whatsapp_phone_number_id", number,
                "whatsapp_access_token", "EAAG-owner"));

        assertThat(created.statusCode()).isEqualTo(502);
        assertThat(errorCode(created)).isEqualTo("graph_api_unavailable");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM chatbots WHERE whatsapp_phone_number_id = ?", Integer.class,
                number)).isZero();
    }

    @Test
    void theOperatorAssignsANumberWithoutTheOwnershipCheck() {
        String number = uniqueNumber();
        ApiClient operator = ApiClient.operator(new HubHttp(port));

        var assigned = operator.put("/api/admin/chatbots/" + acme.chatbotId() + "/whatsapp-number",
                Map.of("whatsapp_phone_number_id", number, "whatsapp_access_token", "EAAG-assigned"));

        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(json(assigned).get("whatsapp_phone_number_id").asText()).isEqualTo(number);
        assertThat(json(assigned).get("has_access_token").asBoolean()).isTrue();
        assertThat(assigned.body()).doesNotContain("EAAG-assigned");
        meta.verify(0, getRequestedFor(urlPathEqualTo("/v22.0/" + number)));

        assertThat(operator.put("/api/admin/chatbots/" + acme.chatbotId() + "/whatsapp-number",
                Map.of("whatsapp_phone_number_id", globex.phoneNumberId())).statusCode()).isEqualTo(409);
        assertThat(api.put("/api/admin/chatbots/" + acme.chatbotId() + "/whatsapp-number",
                Map.of("whatsapp_phone_number_id", uniqueNumber())).statusCode()).as("not for organisation keys").isEqualTo(403);
        assertThat(operator.put("/api/admin/chatbots/" + UUID.randomUUID() + "/whatsapp-number",
                Map.of("whatsapp_phone_number_id", uniqueNumber())).statusCode()).isEqualTo(404);
    }

    private static void metaConfirms(String number, String token) {
        meta.stubFor(get(urlPathEqualTo("/v22.0/" + number)).withHeader("Authorization", equalTo("Bearer " + token))
                .atPriority(1)
                .willReturn(okJson("{\"id\":\"" + number + "\",\"display_phone_number\":\"+52 55 1234 5678\","
                        + "\"verified_name\":\"Acme\",\"quality_rating\":\"GREEN\"}")));
    }

    private static String uniqueNumber() {
        return String.valueOf(700_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L));
    }
}
