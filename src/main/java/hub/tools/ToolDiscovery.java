package hub.tools;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.tools.mcp.McpClient;
import hub.web.ApiError;
import io.modelcontextprotocol.spec.McpError;
import org.springframework.stereotype.Component;

/**
 * Imports the tools a server offers into an integration: {@code GET {server_url}/tools} for an
 * {@code http} tool server ({@code {"tools": [{name, description, input_schema}]}}), {@code tools/list}
 * for an {@code mcp} server, after checking the URL against the {@link ServerUrlPolicy}; through the
 * {@link GuardedHttpClient} within {@code hub.tools.timeout} and {@code hub.tools.max-response-bytes}.
 */
@Component
public record ToolDiscovery(ObjectMapper mapper, McpClient mcp, HubProperties hub, ServerUrlPolicy urls,
                            GuardedHttpClient servers) {

    /** The server's tools as stored in {@code config.tools}: name, description, parameters (JSON schema). */
    public List<Map<String, Object>> discover(String provider, String serverUrl, Map<String, String> headers) {
        checkServerUrl(serverUrl);
        Map<String, String> credentials = ToolCallHeaders.credentials(headers);
        return switch (provider) {
            case "http" -> fromHttpServer(serverUrl.strip(), credentials);
            case "mcp" -> fromMcpServer(serverUrl.strip(), credentials);
            default -> throw ApiError.badRequest("not_importable", "Only http and mcp integrations import tools from a server");
        };
    }

    private List<Map<String, Object>> fromHttpServer(String serverUrl, Map<String, String> credentials) {
        GuardedHttpClient.Request request = GuardedHttpClient.Request.get(URI.create(serverUrl.replaceAll("/+$", "") + "/tools"))
                .headers(credentials).header("Accept", "application/json");
        JsonNode body;
        try {
            GuardedHttpClient.Answer response = servers.send(request, Deadline.in(hub.tools().timeout()),
                    hub.tools().maxResponseBytes().toBytes());
            if (response.status() / 100 != 2) {
                throw new ApiError(502, "discovery_failed", "The tool server answered HTTP " + response.status()
                        + " to GET /tools");
            }
            body = mapper.readTree(response.body());
        } catch (OutboundException e) {
            throw new ApiError(502, "discovery_failed", "The tool server could not be read: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(502, "discovery_failed", "The tool server's answer to GET /tools is not JSON");
        }
        List<Map<String, Object>> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            if (tool.path("name").isTextual()) {
                JsonNode schema = tool.has("input_schema") ? tool.get("input_schema")
                        : tool.has("inputSchema") ? tool.get("inputSchema") : tool.get("parameters");
                tools.add(tool(tool.get("name").asText(), tool.path("description").asText(""), schema));
            }
        }
        return tools;
    }

    private List<Map<String, Object>> fromMcpServer(String serverUrl, Map<String, String> credentials) {
        try {
            McpClient.Server server = new McpClient.Server(serverUrl, credentials, Map.of());
            return mcp.listTools(server, Deadline.in(hub.tools().timeout())).stream()
                    .map(t -> tool(t.name(), t.description() == null ? "" : t.description(), mapper.valueToTree(t.inputSchema())))
                    .toList();
        } catch (McpError | ToolUnavailableException e) {
            throw new ApiError(502, "discovery_failed", "The MCP server could not list its tools: " + e.getMessage());
        }
    }

    private Map<String, Object> tool(String name, String description, JsonNode schema) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", name);
        tool.put("description", description);
        tool.put("parameters", schema != null && schema.isObject() ? mapper.convertValue(schema, Map.class)
                : Map.of("type", "object", "properties", Map.of()));
        return tool;
    }

    public void checkServerUrl(String serverUrl) {
        urls.check(serverUrl);
    }
}
