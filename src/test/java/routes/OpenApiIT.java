package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api/openapi.json describes every REST route of the running hub. */
@IntegrationTest
class OpenApiIT {

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    @Test
    void everyRestRouteIsDescribed() throws Exception {
        var response = new HubHttp(port).get("/api/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(response.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.path("paths");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), doc.toPrettyString());

        List<String> verbs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(rest.getPath(), verb.getPath());
                String method = verb.asVerb().toLowerCase(Locale.ROOT);
                verbs.add(method + " " + path);
                if (!paths.path(path).has(method)) {
                    missing.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertThat(verbs).as("the API's routes").hasSizeGreaterThan(30)
                .contains("post /api/admin/organizations", "patch /api/contacts/{contactId}", "post /api/contacts/{contactId}/messages",
                        "get /api/usage/daily", "post /api/chatbots/{chatbotId}/knowledge/upload");
        assertThat(missing).as("REST routes missing from /api/openapi.json").isEmpty();
        assertThat(paths.path("/api/contacts").path("get").path("parameters").findValuesAsText("name"))
                .as("query parameters are described").contains("q", "mode", "tag", "limit");
    }

    @Test
    void operationsCarryTheirSchemasSecurityAndRefusals() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(new HubHttp(port).get("/api/openapi.json", null).body());
        assertThat(doc.path("components").path("securitySchemes").path("api_key").path("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.path("components").path("securitySchemes").path("operator_token").path("scheme").asText()).isEqualTo("bearer");
        JsonNode create = doc.path("paths").path("/api/chatbots").path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/CreateChatbotRequest");
        assertThat(create.path("responses").path("201").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/Chatbot");
        assertThat(create.path("responses").path("409").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/ErrorBody");
        assertThat(create.path("security").findValuesAsText("api_key")).isNotNull();
        assertThat(create.path("security").toString()).contains("api_key");
        JsonNode chatbot = doc.path("components").path("schemas").path("Chatbot").path("properties");
        assertThat(chatbot.has("has_access_token")).as("snake_case properties").isTrue();
        assertThat(doc.path("components").path("schemas").path("CreateChatbotRequest").path("required").toString())
                .contains("name", "whatsapp_phone_number_id");
    }

    @Test
    void contactsUsageAndOperatorOperationsCarryTheirSchemas() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(new HubHttp(port).get("/api/openapi.json", null).body());
        JsonNode paths = doc.path("paths");
        for (JsonNode parameter : paths.path("/api/contacts").path("get").path("parameters")) {
            assertThat(parameter.path("required").asBoolean()).as("query parameter %s is optional", parameter.path("name")).isFalse();
        }
        JsonNode update = paths.path("/api/contacts/{contactId}").path("patch");
        assertThat(schema(update.path("requestBody"))).endsWith("/UpdateContactRequest");
        assertThat(schema(update.path("responses").path("200"))).endsWith("/Contact");
        JsonNode send = paths.path("/api/contacts/{contactId}/messages").path("post");
        assertThat(schema(send.path("responses").path("201"))).endsWith("/AgentMessageSent");
        assertThat(schema(send.path("responses").path("422"))).endsWith("/ErrorBody");
        assertThat(schema(paths.path("/api/usage").path("get").path("responses").path("200"))).endsWith("/CurrentUsage");
        assertThat(schema(paths.path("/api/admin/organizations").path("post").path("responses").path("201"))).endsWith("/Organization");
        JsonNode assign = paths.path("/api/admin/chatbots/{chatbotId}/whatsapp-number").path("put");
        assertThat(schema(assign.path("requestBody"))).endsWith("/AssignNumberRequest");
        assertThat(schema(assign.path("responses").path("200"))).endsWith("/Chatbot");
        assertThat(assign.path("security").toString()).contains("operator_token").doesNotContain("api_key");
        JsonNode variables = doc.path("components").path("schemas").path("Contact").path("properties").path("variables");
        assertThat(variables.path("additionalProperties").asBoolean()).as("a contact's variables hold any JSON value").isTrue();
    }

    private static String schema(JsonNode bodyOrResponse) {
        return bodyOrResponse.path("content").path("application/json").path("schema").path("$ref").asText();
    }

    @Test
    void theServerIsWhereTheCallerReachedTheHub() throws Exception {
        HubHttp http = new HubHttp(port);
        JsonNode direct = new ObjectMapper().readTree(http.get("/api/openapi.json", null).body());
        assertThat(direct.at("/servers/0/url").asText()).as("relative to the hub that served the document").isIn("", "/");
        assertThat(direct.at("/info/description").asText()).contains("snake_case", "Bearer");

        JsonNode proxied = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(http.url("/api/openapi.json")))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "hub.example.com").GET().build()).body());
        assertThat(proxied.at("/servers/0/url").asText()).as("behind a reverse proxy").isEqualTo("https://hub.example.com");
    }

    private static String join(String base, String path) {
        String joined = (base == null ? "" : base) + (path == null || path.isEmpty() ? "" : (path.startsWith("/") ? path : "/" + path));
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
