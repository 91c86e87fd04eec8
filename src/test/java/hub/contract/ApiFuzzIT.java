package hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.curiousoddman.rgxgen.RgxGen;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every operation of {@code /api/openapi.json}, called through the real port with what an attacker or a careless
 * client sends: each field of its body replaced by a NUL character, half a surrogate pair, a number too large, the
 * wrong type, null, a deep nesting, a text its pattern does not match; bodies that are not JSON objects; each query
 * parameter as a NUL, a number past any range, a word; each path parameter as an encoded NUL, dot-segment or slash,
 * invalid UTF-8, an emoji, 2,000 characters, a nil id. The hub must refuse each with a 4xx in the error shape (or
 * accept it), never a 5xx, and every answer must match the document ({@link ApiContract}). Each operation gets an
 * organisation of its own, so one that deactivates or deletes leaves the others alone. The rest of a body is what the
 * document describes as valid (its examples, a text each pattern matches), so that a hostile field reaches the checks
 * and writes behind the others.
 */
@IntegrationTest
class ApiFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OPERATOR = "Bearer test-admin-token";

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noOperationAnswersA5xxToHostileInput() throws Exception {
        HubHttp http = new HubHttp(port);
        ParseOptions options = new ParseOptions();
        options.setResolveFully(true);
        var api = new OpenAPIV3Parser().readContents(http.get("/api/openapi.json", null).body(), null, options).getOpenAPI();
        List<Map.Entry<String, PathItem>> paths = new ArrayList<>(api.getPaths().entrySet());
        List<String> failures = new ArrayList<>();
        int calls = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (var path : paths) {
            var operations = new ArrayList<>(path.getValue().readOperationsMap().entrySet());
            operations.sort(Comparator.comparing(e -> e.getKey() == PathItem.HttpMethod.DELETE)); // deletes last
            for (var entry : operations) {
                Tenant tenant = tenants.create("Fuzz " + UUID.randomUUID());
                String method = entry.getKey().name();
                String target = withIds(path.getKey(), tenant);
                String authorization = path.getKey().startsWith("/api/admin/") ? OPERATOR : "Bearer " + tenant.apiKey();
                List<Call> variants = new ArrayList<>(calls(entry.getValue(), target));
                variants.addAll(hostilePaths(path.getKey(), tenant, variants.get(0).body()));
                for (Call call : variants) {
                    calls++;
                    HttpResponse<String> response;
                    try {
                        response = send(http, method, call, authorization);
                    } catch (AssertionError contract) {
                        failures.add(contract.getMessage());
                        continue;
                    }
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    String problem = problem(response);
                    if (problem != null) {
                        String body = call.body() == null || call.body().length() < 300 ? call.body()
                                : call.body().substring(0, 300) + "…";
                        failures.add(method + " " + call.target() + " " + body + " → " + response.statusCode() + " "
                                + response.body() + ": " + problem);
                    }
                }
            }
        }
        System.out.printf("API fuzz: %d calls over %d paths; answers by status: %s%n", calls, paths.size(), statuses);
        assertThat(failures).as("answers to hostile input").isEmpty();
        assertThat(calls).isGreaterThan(500);
    }

    private record Call(String target, String body) {
    }

    /**
     * The operation's variants: a valid-looking call, one for each value of each enumerated body field (each provider,
     * each role), and each query parameter, each body field and each documented field of an object field made hostile.
     */
    private List<Call> calls(Operation operation, String target) {
        List<Call> calls = new ArrayList<>();
        Schema<?> bodySchema = operation.getRequestBody() == null ? null
                : operation.getRequestBody().getContent().get("application/json") == null ? null
                : operation.getRequestBody().getContent().get("application/json").getSchema();
        String body = bodySchema == null ? null : sample(bodySchema, 0).toString();
        calls.add(new Call(target, body));
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if ("query".equals(parameter.getIn())) {
                    for (String value : List.of("\u0000", "99999999999999999999", "-1", "word", "x".repeat(2000))) {
                        calls.add(new Call(target + "?" + parameter.getName() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), body));
                    }
                }
            }
        }
        if (bodySchema == null) {
            return calls;
        }
        for (String notAnObject : List.of("[]", "{", "\"x\"", "{\"a\":1,\"a\":2}", "{}", "null")) {
            calls.add(new Call(target, notAnObject));
        }
        JsonNode valid = sample(bodySchema, 0);
        if (valid instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                List<JsonNode> hostileValues = new ArrayList<>(hostileValues());
                Schema<?> property = bodySchema.getProperties() == null ? null : bodySchema.getProperties().get(field);
                if (property != null && property.getEnum() != null) {
                    for (Object kind : property.getEnum()) {
                        calls.add(new Call(target, ((ObjectNode) sample(bodySchema, 0)).set(field, JSON.valueToTree(kind)).toString()));
                    }
                }
                if (property != null && property.getPattern() != null) {
                    hostileValues.add(NODES.textNode(RgxGen.parse(property.getPattern()).generateNotMatching()));
                }
                for (JsonNode hostile : hostileValues) {
                    // the other fields sampled anew, so that unique ones (a phone number id, a slug) do not meet a conflict first
                    ObjectNode fresh = (ObjectNode) sample(bodySchema, 0);
                    calls.add(new Call(target, fresh.set(field, hostile).toString()));
                }
                if (property != null && property.getProperties() != null) { // an object's documented fields, each hostile too
                    for (String inner : property.getProperties().keySet()) {
                        for (JsonNode hostile : hostileValues()) {
                            ObjectNode fresh = (ObjectNode) sample(bodySchema, 0);
                            ObjectNode nested = fresh.get(field) instanceof ObjectNode o ? o : fresh.putObject(field);
                            nested.set(inner, hostile);
                            calls.add(new Call(target, fresh.toString()));
                        }
                    }
                }
            }
            calls.add(new Call(target, object.deepCopy().put("not_a_field\u0000", 1).toString()));
        }
        return calls;
    }

    /** The operation with each path parameter in turn a hostile segment (encoded as a client would send it). */
    private List<Call> hostilePaths(String template, Tenant tenant, String body) {
        List<Call> calls = new ArrayList<>();
        java.util.regex.Matcher parameters = java.util.regex.Pattern.compile("\\{[A-Za-z]+}").matcher(template);
        while (parameters.find()) {
            for (String segment : List.of("%00", "..", "%2e%2e", "a%2Fb", "%252e%252e", "%F0%9F%98%80", "%C0%AE", "%FF",
                    "x".repeat(2000), "00000000-0000-0000-0000-000000000000", "-1")) {
                calls.add(new Call(withIds(template.replace(parameters.group(), segment), tenant), body));
            }
        }
        return calls;
    }

    private static List<JsonNode> hostileValues() {
        ObjectNode deep = NODES.objectNode();
        ObjectNode inner = deep;
        for (int i = 0; i < 300; i++) {
            inner = inner.putObject("d");
        }
        return List.of(NODES.textNode("a\u0000b"), NODES.textNode("\uD83D"), NODES.numberNode(new java.math.BigDecimal("1e999")),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(-1), NODES.textNode(""), NODES.textNode("x".repeat(70_000)),
                NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode().add("\u0000"), deep,
                NODES.objectNode().put("k\u0000", "v"));
    }

    /** A value the schema describes, each property given (the required and the optional ones). */
    private static JsonNode sample(Schema<?> schema, int depth) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            // any of them, so that the hostile fields also meet the other kinds (an http or mcp integration, an agent)
            int any = java.util.concurrent.ThreadLocalRandom.current().nextInt(schema.getEnum().size());
            return JSON.valueToTree(schema.getEnum().get(any));
        }
        String type = schema.getType() != null ? schema.getType() : schema.getProperties() != null ? "object" : "string";
        if (schema.getExample() != null) {
            JsonNode example = JSON.valueToTree(schema.getExample());
            try {
                return example.isTextual() && !"string".equals(type) ? JSON.readTree(example.asText()) : example;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The example of a " + type + " is no JSON: " + example, e);
            }
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (schema.getProperties() != null && depth < 4) {
                    schema.getProperties().forEach((name, property) -> object.set(name, sample(property, depth + 1)));
                }
                yield object;
            }
            case "array" -> NODES.arrayNode().add(schema.getItems() == null ? NODES.textNode("x") : sample(schema.getItems(), depth + 1));
            case "integer" -> NODES.numberNode(schema.getMinimum() == null ? 1 : schema.getMinimum().longValue());
            case "number" -> NODES.numberNode(schema.getMinimum() == null ? 0.5 : schema.getMinimum().doubleValue());
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode(switch (String.valueOf(schema.getFormat())) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> "2026-01-01";
                case "date-time" -> "2026-01-01T00:00:00Z";
                case "email" -> "fuzz" + UUID.randomUUID() + "@example.com";
                case "uri" -> "https://example.com/";
                default -> schema.getPattern() != null ? matching(schema)
                        : word(schema.getMinLength() == null ? 8 : Math.max(8, schema.getMinLength()),
                        schema.getMaxLength() == null ? 8 : schema.getMaxLength());
            });
        };
    }

    /** A text the field's pattern and length allow, new each time (a slug or a phone number id is unique). */
    private static String matching(Schema<?> schema) {
        int min = schema.getMinLength() == null ? 1 : schema.getMinLength();
        int max = schema.getMaxLength() == null ? 64 : schema.getMaxLength();
        RgxGen pattern = RgxGen.parse(schema.getPattern());
        for (int i = 0; i < 100; i++) {
            String text = pattern.generate();
            if (text.length() >= min && text.length() <= max) {
                return text;
            }
        }
        throw new IllegalStateException("No text of " + min + " to " + max + " characters matches " + schema.getPattern());
    }

    /** Lower-case letters, new each time, so that a second call does not meet the first one's unique name or slug. */
    private static String word(int length, int max) {
        StringBuilder word = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (word.length() < Math.min(length, max)) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** The path with the organisation's own ids where it has them (so bodies reach their checks), new ids elsewhere. */
    private String withIds(String template, Tenant tenant) {
        UUID contact = jdbc.queryForObject("INSERT INTO contacts (organization_id, chatbot_id, phone_number, name) "
                + "VALUES (?, ?, ?, 'Fuzz') RETURNING id", UUID.class, tenant.organizationId(), tenant.chatbotId(),
                "3460" + Math.abs(UUID.randomUUID().hashCode() % 10_000_000));
        return template.replace("{chatbotId}", tenant.chatbotId().toString())
                .replace("{contactId}", contact.toString())
                .replace("{organizationId}", tenant.organizationId().toString())
                .replaceAll("\\{toolName}", "calculate_pricing")
                .replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
    }

    private static HttpResponse<String> send(HubHttp http, String method, Call call, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url(call.target())))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .method(method, call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build());
    }

    /** Null for an answer a client can act on: a success, or a 4xx in the error shape. */
    private static String problem(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 400) {
            try {
                JsonNode error = JSON.readTree(response.body()).path("error");
                return error.path("code").isTextual() && error.path("message").isTextual() ? null : "not the error shape";
            } catch (Exception e) {
                return "not JSON";
            }
        }
        return null;
    }
}
