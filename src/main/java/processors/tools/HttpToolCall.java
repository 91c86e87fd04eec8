package processors.tools;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.config.HubProperties;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.tools.IntegrationRepository;
import hub.tools.ToolCallHeaders;
import hub.tools.ToolUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * An {@code http} tool (a tool server in the REST convention the old "MCP" services used): POST
 * {server_url}/tools/{name} with the LLM's arguments and the calling chatbot's id (which the LLM cannot
 * override), the integration's credentials and the hub's {@link ToolCallHeaders identity headers}, through
 * the {@link GuardedHttpClient}: {@code hub.tools.timeout} for the whole exchange, at most
 * {@code hub.tools.max-response-bytes} of answer. A 4xx answer or a refused address is the tool's error for
 * the LLM; a 5xx, an unreachable server, a timeout or a too large answer count against the integration's circuit.
 */
@Component
public record HttpToolCall(ObjectMapper mapper, IntegrationRepository integrations, GuardedHttpClient servers,
                           HubProperties hub) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        var remote = ToolCallHeaders.remote(exchange.getIn());
        if (remote.url() == null) {
            exchange.getMessage().setBody(error("Tool server URL not configured"));
            return;
        }
        URI target;
        try {
            target = URI.create(remote.url().strip().replaceAll("/+$", "") + "/tools/"
                    + URLEncoder.encode(remote.tool(), StandardCharsets.UTF_8).replace("+", "%20"));
        } catch (IllegalArgumentException e) {
            exchange.getMessage().setBody(error("Tool server URL is not valid"));
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        Map<?, ?> arguments = exchange.getIn().getBody(Map.class);
        if (arguments != null) {
            arguments.forEach((k, v) -> payload.put(String.valueOf(k), v));
        }
        payload.put("chatbot_id", String.valueOf(exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID)));
        GuardedHttpClient.Request request = GuardedHttpClient.Request.post(target, "application/json",
                        mapper.writeValueAsBytes(payload))
                .headers(ToolCallHeaders.credentials(exchange.getIn(), integrations))
                .header("Content-Type", "application/json")
                .headers(ToolCallHeaders.identity(exchange.getIn()));
        GuardedHttpClient.Answer response;
        try {
            response = servers.send(request, Deadline.in(hub.tools().timeout()),
                    hub.tools().maxResponseBytes().toBytes());
        } catch (OutboundException e) {
            if (e.kind() == OutboundException.Kind.NOT_ALLOWED || e.kind() == OutboundException.Kind.INVALID_URL) {
                exchange.getMessage().setBody(error("Tool server not allowed: " + e.getMessage()));
                return;
            }
            throw new ToolUnavailableException("Tool server: " + e.getMessage(), e);
        }
        int status = response.status();
        String body = response.text();
        if (status >= 500) {
            throw new ToolUnavailableException("Tool server answered HTTP " + status);
        }
        if (status / 100 != 2) {
            String reason = serverError(body);
            exchange.getMessage().setBody(error("Tool server answered HTTP " + status + (reason == null ? "" : ": " + reason)));
            return;
        }
        exchange.getMessage().setBody(body.isBlank() ? "{}" : body);
    }

    private String error(String message) throws Exception {
        return mapper.writeValueAsString(Map.of("error", message));
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
