package hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The contract check itself: it runs on the answers the tests receive, it reports a wrong answer with the
 * operation, status and what is wrong, and it leaves paths the document does not have alone. And the document
 * names every JSON field in snake_case.
 */
@IntegrationTest
class ApiContractIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;

    Tenant tenant;
    HubHttp http;
    ApiClient api;
    ApiContract contract;

    @BeforeEach
    void setUp() {
        tenant = tenants.create("Contract " + UUID.randomUUID());
        http = new HubHttp(port);
        api = new ApiClient(http, tenant.apiKey());
        contract = ApiContract.of(http.url(""));
    }

    @Test
    void everyAnswerToADocumentedOperationIsChecked() {
        int listed = ApiContract.checked("GET", "/api/chatbots", 200);
        int refused = ApiContract.checked("GET", "/api/chatbots/{chatbotId}", 404);

        assertThat(api.get("/api/chatbots").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/chatbots/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        assertThat(ApiContract.checked("GET", "/api/chatbots", 200)).isEqualTo(listed + 1);
        assertThat(ApiContract.checked("GET", "/api/chatbots/{chatbotId}", 404)).isEqualTo(refused + 1);
    }

    @Test
    void pathsTheDocumentDoesNotHaveAreLeftAlone() {
        var unknown = api.get("/api/no-such-resource/" + UUID.randomUUID());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(contract.operation(ApiCall.answerOnly("GET", "/api/no-such-resource/x", 404, null, ""))).isEmpty();
        assertThat(contract.operation(ApiCall.answerOnly("PUT", "/api/chatbots", 405, null, ""))).as("undocumented method").isEmpty();
        for (String spelling : List.of("/api/chatbots/", "//api/chatbots", "/API/chatbots", "/api/chatbots;x=1", "/api/%63hatbots",
                "/api/chatbots/%2e%2e", "/api/chatbots/..", "/api/chatbots/./" + tenant.chatbotId())) {
            assertThat(contract.operation(ApiCall.answerOnly("GET", spelling, 400, null, ""))).as(spelling).isEmpty();
        }
        assertThat(contract.operation(ApiCall.answerOnly("GET", "/api/chatbots/" + tenant.chatbotId() + "?x=1", 200, null, "")))
                .as("a plainly written path").isPresent();
    }

    @Test
    void aWrongAnswerIsReportedWithOperationStatusAndWhatIsWrong() throws Exception {
        String chatbot = api.get("/api/chatbots/" + tenant.chatbotId()).body();
        String path = "/api/chatbots/" + tenant.chatbotId();
        assertThat(contract.problems(ok(path, chatbot))).as("the hub's own answer").isEmpty();

        ObjectNode camelCase = (ObjectNode) MAPPER.readTree(chatbot);
        camelCase.set("hasAccessToken", camelCase.remove("has_access_token"));
        assertThat(contract.problems(ok(path, camelCase.toString())))
                .anySatisfy(problem -> assertThat(problem).contains("hasAccessToken").contains("not allowed"))
                .anySatisfy(problem -> assertThat(problem).contains("/hasAccessToken is not snake_case"));

        ObjectNode wrongType = (ObjectNode) MAPPER.readTree(chatbot);
        wrongType.put("temperature", "warm");
        assertThat(contract.problems(ok(path, wrongType.toString())))
                .anySatisfy(problem -> assertThat(problem).contains("/temperature").contains("string"));

        ObjectNode errorWithoutCode = MAPPER.createObjectNode();
        errorWithoutCode.putObject("error").put("message", "no code").put("kode", "not_found");
        assertThat(contract.problems(ApiCall.answerOnly("GET", path, 404, "application/json", errorWithoutCode.toString())))
                .anySatisfy(problem -> assertThat(problem).contains("kode"));

        assertThat(contract.problems(ApiCall.answerOnly("GET", path, 418, "application/json", "{}")))
                .as("a status the operation does not document").isNotEmpty();

        assertThat(contract.failure(ok(path, wrongType.toString()))).get().asString()
                .contains("GET " + path + " answered 200, which does not match /api/openapi.json")
                .contains("operation api-chatbot,")
                .contains("/temperature");
    }

    @Test
    void anAcceptedRequestMustMatchTheDocumentedRequestBody() {
        String created = "{\"id\":\"" + UUID.randomUUID() + "\"}";
        ApiCall withoutName = new ApiCall("POST", "/api/chatbots",
                Map.of("Authorization", "Bearer " + tenant.apiKey(), "Content-Type", "application/json"),
                "{\"whatsapp_phone_number_id\":\"1555\",\"whatsapp_access_token\":\"EAAG\"}", true, 201, "application/json", created);

        assertThat(contract.problems(withoutName)).anySatisfy(problem -> assertThat(problem)
                .startsWith("request the hub accepted").contains("name"));
    }

    @Test
    void theDocumentIsValidOpenApi() {
        assertThat(contract.parseMessages()).as("what swagger-parser finds wrong in /api/openapi.json").isEmpty();
    }

    @Test
    void aChangeRequestDescribesTheSameLimitsAsTheCreateRequest() {
        assertThat(property("UpdateChatbotRequest", "name").getMinLength()).isEqualTo(1);
        assertThat(property("UpdateChatbotRequest", "name").getMaxLength()).isEqualTo(200);
        assertThat(property("UpdateChatbotRequest", "language").getPattern()).as("anchored, as Bean Validation matches it")
                .isEqualTo("^(?:[a-z]{2})$").isEqualTo(property("CreateChatbotRequest", "language").getPattern());
        assertThat(property("UpdateChatbotRequest", "temperature").getMaximum()).isEqualByComparingTo("2");
        assertThat(property("UpdateChatbotRequest", "persona").getMaxLength()).as("a field null clears").isEqualTo(5_000);
        assertThat(property("UpdateChatbotRequest", "persona").getNullable()).isTrue();
        // each property its own limits, though they share a type
        assertThat(property("UpdateChatbotRequest", "whatsapp_business_account_id").getMaxLength()).isEqualTo(64);
        assertThat(property("UpdateChatbotRequest", "is_active").getMaxLength()).isNull();
        assertThat(property("UpdatePersonRequest", "role").getPattern()).isNotNull();
        // a list null clears (or leaves out) holds no null, and its items keep their limits
        Schema<?> tags = property("UpdateContactRequest", "tags");
        assertThat(tags.getNullable()).isTrue();
        assertThat(tags.getMaxItems()).isEqualTo(50);
        assertThat(tags.getItems().getMaxLength()).isEqualTo(64);
        assertThat(tags.getItems().getNullable()).isNotEqualTo(Boolean.TRUE);
        // a map's size, and its values' limits
        assertThat(property("UpdateChatbotRequest", "business_hours").getMaxProperties()).isEqualTo(7);
        assertThat(property("CreateChatbotRequest", "business_hours").getMaxProperties()).isEqualTo(7);
        Schema<?> headers = property("ToolServerCredentials", "headers");
        assertThat(headers.getMaxProperties()).isEqualTo(20);
        assertThat(((Schema<?>) headers.getAdditionalProperties()).getMaxLength()).isEqualTo(4096);
        Schema<?> parameters = property("SendTemplateRequest", "parameters");
        assertThat(parameters.getNullable()).isTrue();
        assertThat(parameters.getItems().getNullable()).isNotEqualTo(Boolean.TRUE);
    }

    private Schema<?> property(String schema, String name) {
        Schema<?> described = contract.api().getComponents().getSchemas().get(schema);
        return (Schema<?>) described.getProperties().get(name);
    }

    @Test
    void everyPropertyAndQueryParameterTheDocumentNamesIsSnakeCase() {
        SnakeCaseKeys keys = new SnakeCaseKeys(contract.api());
        List<String> offending = new ArrayList<>();
        contract.api().getComponents().getSchemas().forEach((name, schema) -> offending.addAll(keys.offendingProperties(schema, name)));
        contract.api().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().forEach((type, media) ->
                        offending.addAll(keys.offendingProperties(media.getSchema(), where + " request")));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (response.getContent() != null) {
                        response.getContent().forEach((type, media) ->
                                offending.addAll(keys.offendingProperties(media.getSchema(), where + " " + status)));
                    }
                });
            }
            queryParameters(operation).stream().map(Parameter::getName).filter(name -> !SnakeCaseKeys.isSnakeCase(name))
                    .forEach(name -> offending.add(where + " ?" + name));
        }));

        assertThat(contract.api().getComponents().getSchemas()).as("the document has schemas to check").containsKey("Chatbot");
        assertThat(offending).as("JSON fields and query parameters that are not snake_case").isEmpty();
    }

    private static List<Parameter> queryParameters(Operation operation) {
        return operation.getParameters() == null ? List.of()
                : operation.getParameters().stream().filter(parameter -> "query".equals(parameter.getIn())).toList();
    }

    private ApiCall ok(String path, String body) {
        return ApiCall.answerOnly("GET", path, 200, "application/json", body);
    }
}
