package hub;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON calls to the management API over real HTTP, as one caller (an API key, the operator token, or nobody). */
public final class ApiClient implements JsonCalls {

    public static final String OPERATOR_TOKEN = "test-admin-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HubHttp http;
    private final String authorization;

    public ApiClient(HubHttp http, String bearer) {
        this.http = http;
        this.authorization = bearer == null ? null : "Bearer " + bearer;
    }

    public static ApiClient operator(HubHttp http) {
        return new ApiClient(http, OPERATOR_TOKEN);
    }

    public ApiClient as(String bearer) {
        return new ApiClient(http, bearer);
    }

    @Override
    public HttpResponse<String> send(String method, String path, Object json) {
        HttpRequest.Builder request = request(http, method, path, json);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    /** A request of {@code method} to the hub with {@code json} (an object, or a string as it is) as its body, if any. */
    static HttpRequest.Builder request(HubHttp http, String method, String path, Object json) {
        String body;
        try {
            body = json == null ? null : json instanceof String s ? s : MAPPER.writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    /** The machine-readable code of an error answer. */
    public static String errorCode(HttpResponse<String> response) {
        return json(response).at("/error/code").asText();
    }
}
