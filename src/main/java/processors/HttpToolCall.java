package processors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.tools.IntegrationRepository;
import hub.tools.ServerUrlPolicy;
import hub.tools.ToolDispatcher;
import hub.tools.ToolUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * An {@code http} tool (a tool server in the REST convention the old "MCP" services used): POST
 * {server_url}/tools/{name} with the LLM's arguments and the calling chatbot's id (which the LLM cannot
 * override), the integration's credentials as headers, {@code hub.tools.timeout}. A 4xx answer is the
 * tool's error for the LLM; a 5xx or an unreachable server counts against the integration's circuit.
 */
@Component
public class HttpToolCall implements Processor {

    private final ObjectMapper mapper;
    private final IntegrationRepository integrations;
    private final ServerUrlPolicy urls;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpToolCall(ObjectMapper mapper, IntegrationRepository integrations, ServerUrlPolicy urls, HubProperties hub) {
        this.mapper = mapper;
        this.integrations = integrations;
        this.urls = urls;
        this.timeout = hub.tools().timeout();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> config = exchange.getIn().getHeader(ToolDispatcher.TOOL_CONFIG, Map.class);
        String name = config != null && config.get("tool") instanceof String tool ? tool
                : exchange.getIn().getHeader(ToolDispatcher.TOOL_NAME, String.class);
        Object serverUrl = config == null ? null : config.get("server_url");
        if (!(serverUrl instanceof String url) || url.isBlank()) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "Tool server URL not configured")));
            return;
        }
        String refusal = urls.refusal(url);
        if (refusal != null) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "Tool server not allowed: " + refusal)));
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        Map<?, ?> arguments = exchange.getIn().getBody(Map.class);
        if (arguments != null) {
            arguments.forEach((k, v) -> payload.put(String.valueOf(k), v));
        }
        payload.put("chatbot_id", String.valueOf(exchange.getIn().getHeader(ToolDispatcher.CHATBOT_ID)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/tools/"
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(payload)));
        integrations.credentialHeaders(exchange.getIn().getHeader(ToolDispatcher.ORGANIZATION_ID, UUID.class),
                exchange.getIn().getHeader(ToolDispatcher.INTEGRATION_ID, UUID.class)).forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new ToolUnavailableException("Tool server unreachable (" + e.getClass().getSimpleName() + ")", e);
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 500) {
            throw new ToolUnavailableException("Tool server answered HTTP " + status);
        }
        if (status / 100 != 2) {
            String reason = serverError(body);
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error",
                    "Tool server answered HTTP " + status + (reason == null ? "" : ": " + reason))));
            return;
        }
        exchange.getMessage().setBody(body.isBlank() ? "{}" : body);
    }

    /** The server's own error text, when its answer is JSON with an {@code error} (at most 300 characters). */
    private String serverError(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error == null || error.isNull()) {
                return null;
            }
            String text = error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
            return text.length() > 300 ? text.substring(0, 300) : text;
        } catch (Exception e) {
            return null;
        }
    }
}
