package processors.tools;

import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.outbound.Deadline;
import hub.outbound.OutboundException;
import hub.tools.IntegrationRepository;
import hub.tools.ToolCallHeaders;
import hub.tools.ToolUnavailableException;
import hub.tools.mcp.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * An {@code mcp} tool: {@code tools/call} on the integration's MCP server ({@code config.server_url})
 * with the LLM's arguments, the integration's credentials and the hub's {@link ToolCallHeaders identity
 * headers}, all of it within {@code hub.tools.timeout}. A refused server address is the tool's error. The result for the LLM is the
 * tool's structured content, else its text (as JSON when it is JSON); {@code isError} becomes an error.
 */
@Component
public record McpToolCall(McpClient mcp, IntegrationRepository integrations, ObjectMapper mapper,
                          HubProperties hub) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        var remote = ToolCallHeaders.remote(exchange.getIn());
        if (remote.url() == null) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "MCP server URL not configured")));
            return;
        }
        McpClient.Server server = new McpClient.Server(remote.url(), ToolCallHeaders.credentials(exchange.getIn(), integrations),
                ToolCallHeaders.identity(exchange.getIn()));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = exchange.getIn().getBody(Map.class);
            Deadline deadline = Deadline.in(hub.tools().timeout());
            exchange.getMessage().setBody(forLlm(mcp.callTool(server, deadline, remote.tool(), arguments)));
        } catch (McpError e) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "MCP tool error: " + e.getMessage())));
        } catch (ToolUnavailableException e) {
            if (!(e.getCause() instanceof OutboundException refused && refused.kind() == OutboundException.Kind.NOT_ALLOWED)) {
                throw e;
            }
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "MCP server not allowed: " + refused.getMessage())));
        }
    }

    String forLlm(McpSchema.CallToolResult result) throws Exception {
        String text = result.content() == null ? "" : result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance).map(part -> ((McpSchema.TextContent) part).text())
                .collect(Collectors.joining("\n"));
        if (Boolean.TRUE.equals(result.isError())) {
            return mapper.writeValueAsString(Map.of("error", text.isEmpty() ? "the MCP tool failed" : text));
        }
        if (result.structuredContent() instanceof Map<?, ?> structured) {
            return mapper.writeValueAsString(structured);
        }
        try {
            JsonNode parsed = mapper.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed.toString();
            }
        } catch (Exception notJson) {
            // plain text
        }
        return mapper.writeValueAsString(Map.of("result", text));
    }
}
