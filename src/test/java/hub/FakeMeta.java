package hub;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import hub.Tenants.Tenant;

/** WireMock playing Meta's Graph API for a tenant's chatbot. */
public final class FakeMeta {

    private FakeMeta() {
    }

    /** Gives the tenant's chatbot a new access token (Meta confirms it controls the number) and the model gpt-4o-mini. */
    public static String connect(WireMockServer fake, ApiClient api, Tenant tenant) {
        String token = "EAAG-" + UUID.randomUUID();
        fake.stubFor(get(urlPathEqualTo("/v22.0/" + tenant.phoneNumberId())).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"id\":\"" + tenant.phoneNumberId() + "\",\"display_phone_number\":\"+1 555 0100\"}")));
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("model_name", "gpt-4o-mini",
                "whatsapp_access_token", token)).statusCode()).isEqualTo(200);
        return token;
    }

    /** Meta accepts read receipts and text messages, each sent message getting a new wamid. */
    public static void acceptMessages(WireMockServer fake) {
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.status"))
                .willReturn(okJson("{\"success\":true}")));
        fake.stubFor(post(urlPathMatching("/v22.0/.*/messages")).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
    }
}
