package processors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.tools.ToolDispatcher;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * An {@code http} tool: POST {server_url}/tools/{name} with the LLM's arguments and the calling
 * chatbot's id (which the LLM cannot override), 30 s timeout. A non-2xx answer is an error result.
 */
@Component
public class HttpToolCall implements Processor {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_RESULT_CHARS = 20_000;

    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpToolCall(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> config = exchange.getIn().getHeader(ToolDispatcher.TOOL_CONFIG, Map.class);
        String name = exchange.getIn().getHeader(ToolDispatcher.TOOL_NAME, String.class);
        Object serverUrl = config == null ? null : config.get("server_url");
        if (!(serverUrl instanceof String url) || url.isBlank()) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "Tool server URL not configured")));
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        Map<?, ?> arguments = exchange.getIn().getBody(Map.class);
        if (arguments != null) {
            arguments.forEach((k, v) -> payload.put(String.valueOf(k), v));
        }
        payload.put("chatbot_id", String.valueOf(exchange.getIn().getHeader(ToolDispatcher.CHATBOT_ID)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/tools/" + name))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(payload)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body() == null ? "" : response.body();
        if (body.length() > MAX_RESULT_CHARS) {
            body = mapper.writeValueAsString(Map.of("result", body.substring(0, MAX_RESULT_CHARS),
                    "note", "the tool's answer was cut at " + MAX_RESULT_CHARS + " characters"));
        }
        exchange.getMessage().setBody(response.statusCode() / 100 == 2 ? body
                : mapper.writeValueAsString(Map.of("error", "Tool server answered HTTP " + response.statusCode())));
    }
}
