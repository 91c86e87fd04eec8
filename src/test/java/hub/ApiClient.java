package hub;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON calls to the management API over real HTTP, as one caller (an API key, the operator token, or nobody). */
public final class ApiClient {

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

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    public HttpResponse<String> post(String path, Object json) {
        return send("POST", path, json);
    }

    public HttpResponse<String> patch(String path, Object json) {
        return send("PATCH", path, json);
    }

    public HttpResponse<String> put(String path, Object json) {
        return send("PUT", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    public HttpResponse<String> send(String method, String path, Object json) {
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
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
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
