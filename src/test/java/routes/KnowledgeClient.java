package routes;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;

/** The knowledge API of one chatbot, called over real HTTP with one API key. */
final class KnowledgeClient {

    private final HubHttp http;
    private final ObjectMapper mapper;
    private final String authorization;
    private final String base;

    KnowledgeClient(HubHttp http, ObjectMapper mapper, String apiKey, UUID chatbotId) {
        this.http = http;
        this.mapper = mapper;
        this.authorization = "Bearer " + apiKey;
        this.base = "/api/chatbots/" + chatbotId + "/knowledge";
    }

    /** The same key on another chatbot's path. */
    KnowledgeClient forChatbot(UUID chatbotId) {
        return new KnowledgeClient(http, mapper, authorization.substring(7), chatbotId);
    }

    HttpResponse<String> upload(String fileName, byte[] content, String name) {
        String boundary = "----hub" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (name != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n");
        }
        if (content != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return http.send(HttpRequest.newBuilder(URI.create(http.url(base + "/upload")))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    HttpResponse<String> post(String path, Object json) {
        try {
            return postRaw(path, json instanceof String s ? s : mapper.writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postRaw(String path, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(http.url(base + path)))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    HttpResponse<String> put(String path, Object json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(http.url(base + path)))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(json), StandardCharsets.UTF_8)).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return http.get(base + path, authorization);
    }

    HttpResponse<String> delete(String path) {
        return http.send(HttpRequest.newBuilder(URI.create(http.url(base + path)))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .DELETE().build());
    }

    /** The answer as JSON; every key in it, at any depth, must be snake_case. */
    JsonNode json(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
        assertSnakeCase(json, response.uri().getPath());
        return json;
    }

    private static void assertSnakeCase(JsonNode node, String where) {
        node.fields().forEachRemaining(field -> {
            if (!field.getKey().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
                throw new AssertionError("'" + field.getKey() + "' in the answer of " + where + " is not snake_case");
            }
            assertSnakeCase(field.getValue(), where);
        });
        if (node.isArray()) {
            node.elements().forEachRemaining(element -> assertSnakeCase(element, where));
        }
    }

    JsonNode source(UUID sourceId) {
        return json(get("/sources/" + sourceId));
    }

    /** Waits until the source is synced or failed and returns it. */
    JsonNode awaitFinished(UUID sourceId) {
        JsonNode[] last = new JsonNode[1];
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(60)).until(() -> {
            last[0] = source(sourceId);
            String status = last[0].path("status").asText();
            return List.of("synced", "failed").contains(status);
        });
        return last[0];
    }

    /** The search results' contents, best first. */
    JsonNode search(String query, int limit) {
        return json(post("/search", mapper.createObjectNode().put("query", query).put("limit", limit)));
    }

    static UUID sourceId(JsonNode accepted) {
        return UUID.fromString(accepted.get("source_id").asText());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
