package hub.contract;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The contract a running hub publishes at {@code /api/openapi.json}, checked against what the tests see.
 * The test HTTP clients hand every answer to {@link #verify}: an answer to a documented operation (path and
 * method) must match the operation's response for its status (schema, content type, no undocumented field,
 * snake_case keys), and a request the hub accepted must match the documented request. Paths and methods the
 * document does not have (security tests send such on purpose) are not checked.
 */
public final class ApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, ApiContract> BY_HUB = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CHECKED = new ConcurrentHashMap<>();
    private static final List<String> VIOLATIONS = Collections.synchronizedList(new ArrayList<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ApiContract::writeCheckedOperations, "api-contract-report"));
    }

    private final String json;
    private final OpenAPI api;
    private final List<String> parseMessages;
    private final OpenApiInteractionValidator validator;
    private final ApiOperationResolver operations;
    private final SnakeCaseKeys keys;
    private final List<Pattern> pathPatterns;

    private ApiContract(String json) {
        this.json = json;
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);
        if (parsed.getOpenAPI() == null) {
            throw new AssertionError("/api/openapi.json is not an OpenAPI document: " + parsed.getMessages());
        }
        this.api = parsed.getOpenAPI();
        this.parseMessages = parsed.getMessages() == null ? List.of() : List.copyOf(parsed.getMessages());
        this.validator = OpenApiInteractionValidator.createFor(api).build();
        this.operations = new ApiOperationResolver(api, null, false);
        this.keys = new SnakeCaseKeys(api);
        this.pathPatterns = api.getPaths() == null ? List.of() : api.getPaths().keySet().stream().map(ApiContract::pattern).toList();
    }

    /** The contract of the hub listening at {@code hubBaseUrl} (e.g. http://127.0.0.1:8080), read once. */
    public static ApiContract of(String hubBaseUrl) {
        return BY_HUB.computeIfAbsent(hubBaseUrl, base -> new ApiContract(fetch(base)));
    }

    /** A contract from a document's text. */
    public static ApiContract parse(String json) {
        return new ApiContract(json);
    }

    /**
     * Checks one call a test made to the hub at {@code hubBaseUrl}; fails (and remembers the failure for
     * {@link ApiContractExtension}) when the hub's answer breaks the document.
     */
    public static void verify(String hubBaseUrl, ApiCall call) {
        if (!call.path().startsWith("/api/")) {
            return;
        }
        ApiContract contract = of(hubBaseUrl);
        Optional<ApiOperation> operation = contract.operation(call);
        if (operation.isEmpty()) {
            return;
        }
        Optional<String> failure = contract.failure(call);
        CHECKED.computeIfAbsent(describe(operation.get()) + " " + call.status(), key -> new AtomicInteger()).incrementAndGet();
        if (failure.isPresent()) {
            VIOLATIONS.add(failure.get());
            throw new AssertionError(failure.get());
        }
    }

    /** How many answers to {@code method path-template} with {@code status} were checked so far in this JVM. */
    public static int checked(String method, String pathTemplate, int status) {
        AtomicInteger count = CHECKED.get(method.toUpperCase(Locale.ROOT) + " " + pathTemplate + " " + status);
        return count == null ? 0 : count.get();
    }

    static int violationCount() {
        return VIOLATIONS.size();
    }

    static List<String> violationsSince(int mark) {
        synchronized (VIOLATIONS) {
            return List.copyOf(VIOLATIONS.subList(Math.min(mark, VIOLATIONS.size()), VIOLATIONS.size()));
        }
    }

    public String json() {
        return json;
    }

    public OpenAPI api() {
        return api;
    }

    /** What swagger-parser found wrong in the document itself. */
    public List<String> parseMessages() {
        return parseMessages;
    }

    /** The documented operation a call is for, if the document has its path and method. */
    public Optional<ApiOperation> operation(ApiCall call) {
        Request.Method method;
        try {
            method = Request.Method.valueOf(call.method().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAnHttpMethodOfOpenApi) {
            return Optional.empty();
        }
        if (!plainlyDocumented(call.path())) {
            return Optional.empty();
        }
        ApiOperationMatch match = operations.findApiOperation(call.path(), method);
        return match.isPathFound() && match.isOperationAllowed() ? Optional.of(match.getApiOperation()) : Optional.empty();
    }

    /**
     * Whether the path is one of the document's paths written plainly: the same case, no empty, dot or
     * parameter (;) segment, no percent-encoding in an id. Other spellings are the security tests' business.
     */
    private boolean plainlyDocumented(String path) {
        return !path.contains("/./") && !path.contains("/../") && !path.endsWith("/.") && !path.endsWith("/..")
                && pathPatterns.stream().anyMatch(pattern -> pattern.matcher(path).matches());
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = Pattern.compile("\\{[^}/]+}").matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start()))).append("[A-Za-z0-9._~-]+");
            at = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).toString());
    }

    /** Everything that does not match the document in a call to a documented operation; empty when it matches. */
    public List<String> problems(ApiCall call) {
        ApiOperation operation = operation(call).orElseThrow(() -> new IllegalArgumentException("not a documented operation: "
                + call.method() + " " + call.path()));
        List<String> problems = new ArrayList<>();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(call.status());
        if (call.contentType() != null) {
            response.withContentType(call.contentType());
        }
        if (call.responseBody() != null && !call.responseBody().isEmpty()) {
            response.withBody(call.responseBody());
        }
        Request.Method method = Request.Method.valueOf(call.method().toUpperCase(Locale.ROOT));
        problems.addAll(errors("response", validator.validateResponse(call.path(), method, response.build())));
        responseSchema(operation, call.status()).ifPresent(schema -> json(call.responseBody()).ifPresent(body ->
                keys.offendingKeys(body, schema).forEach(key -> problems.add("response: key " + key + " is not snake_case"))));
        if (call.requestKnown() && call.status() / 100 == 2) {
            problems.addAll(errors("request the hub accepted", validator.validateRequest(request(call, method))));
            json(call.requestBody()).ifPresent(body -> keys.offendingKeys(body, requestSchema(operation).orElse(null))
                    .forEach(key -> problems.add("request the hub accepted: key " + key + " is not snake_case")));
        }
        return problems;
    }

    private static SimpleRequest request(ApiCall call, Request.Method method) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, call.path());
        call.requestHeaders().forEach(request::withHeader);
        if (call.requestBody() != null) {
            request.withBody(call.requestBody());
        }
        Map<String, List<String>> query = new TreeMap<>();
        for (String pair : call.query().split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        query.forEach(request::withQueryParam);
        return request.build();
    }

    private Optional<Schema<?>> responseSchema(ApiOperation operation, int status) {
        if (operation.getOperation().getResponses() == null) {
            return Optional.empty();
        }
        ApiResponse response = operation.getOperation().getResponses().get(String.valueOf(status));
        if (response == null) {
            response = operation.getOperation().getResponses().getDefault();
        }
        return response == null ? Optional.empty() : jsonSchema(response.getContent());
    }

    private Optional<Schema<?>> requestSchema(ApiOperation operation) {
        return operation.getOperation().getRequestBody() == null ? Optional.empty()
                : jsonSchema(operation.getOperation().getRequestBody().getContent());
    }

    private static Optional<Schema<?>> jsonSchema(Map<String, MediaType> content) {
        if (content == null) {
            return Optional.empty();
        }
        return content.entrySet().stream().filter(media -> media.getKey().contains("json"))
                .<Schema<?>>map(media -> media.getValue().getSchema()).filter(java.util.Objects::nonNull).findFirst();
    }

    private static Optional<JsonNode> json(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (IOException notJson) {
            return Optional.empty(); // the validator reports a body that does not parse
        }
    }

    private static List<String> errors(String what, ValidationReport report) {
        return report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> what + ": " + message.getMessage()
                        + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo()))
                .toList();
    }

    private static String describe(ApiOperation operation) {
        return operation.getMethod() + " " + operation.getApiPath().original();
    }

    /** What a test that made this call is told: the call, the operation and every problem; empty when it matches. */
    Optional<String> failure(ApiCall call) {
        List<String> problems = problems(call);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        ApiOperation operation = operation(call).orElseThrow();
        String body = call.responseBody() == null ? "" : call.responseBody();
        return Optional.of(call.method() + " " + call.target() + " answered " + call.status() + ", which does not match /api/openapi.json"
                + " (operation " + operation.getOperation().getOperationId() + ", " + describe(operation) + "):\n  - "
                + String.join("\n  - ", problems) + "\n  body: " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body));
    }

    private static String fetch(String base) {
        try {
            HttpResponse<String> document = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/openapi.json"))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new AssertionError(base + "/api/openapi.json answered " + document.statusCode() + ": " + document.body());
            }
            return document.body();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + base + "/api/openapi.json", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading " + base + "/api/openapi.json", e);
        }
    }

    /** target/api-contract-checked.txt: which documented operations and statuses the tests of this run checked, how often. */
    private static void writeCheckedOperations() {
        if (CHECKED.isEmpty()) {
            return;
        }
        String lines = new TreeMap<>(CHECKED).entrySet().stream().map(entry -> entry.getValue() + "\t" + entry.getKey())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(Path.of("target", "api-contract-checked.txt"), lines);
        } catch (IOException | RuntimeException ignored) {
            // a report for people; the checks themselves already passed or failed
        }
    }
}
