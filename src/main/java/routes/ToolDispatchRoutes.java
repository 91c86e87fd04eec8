package routes;

import hub.ExchangeKeys;
import hub.tools.AgentTools;
import hub.tools.ToolDispatcher;
import hub.tools.ToolKind;
import org.apache.camel.builder.RouteBuilder;

import static org.apache.camel.builder.PredicateBuilder.and;
import org.springframework.stereotype.Component;

/**
 * {@code direct:tool-dispatch}: a content-based router by tool type. The body is the LLM's arguments,
 * the answer is the tool's JSON result. Built-in tools run here; a route tool is the YAML route
 * {@code direct:tool-<name>} (src/main/resources/routes/tools-*.yaml); http and mcp tools call the
 * integration's server.
 */
@Component
public class ToolDispatchRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // a failing tool is the caller's business (ToolDispatcher turns it into the tool's error result and
        // counts it against the integration's circuit): no redelivery, no error log per failed call
        errorHandler(noErrorHandler());

        from("direct:tool-dispatch").routeId("tool-dispatch")
                .choice()
                    .when(and(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.BUILTIN.value()),
                            header(ExchangeKeys.TOOL_NAME).isEqualTo(AgentTools.SEARCH_KNOWLEDGE_BASE)))
                        .process("searchKnowledgeBaseTool").id("tool-search-knowledge-base")
                    .when(and(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.BUILTIN.value()),
                            header(ExchangeKeys.TOOL_NAME).isEqualTo(AgentTools.REMEMBER_CUSTOMER_INFO)))
                        .process("rememberCustomerInfo").id("tool-remember-customer-info")
                    .when(and(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.BUILTIN.value()),
                            header(ExchangeKeys.TOOL_NAME).in(AgentTools.SEND_BUTTONS, AgentTools.SEND_LIST)))
                        .process("sendInteractive").id("tool-send-interactive")
                    .when(and(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.BUILTIN.value()),
                            header(ExchangeKeys.TOOL_NAME).isEqualTo(AgentTools.HANDOFF_TO_HUMAN)))
                        .process("handoffToHuman").id("tool-handoff-to-human")
                    .when(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.ROUTE.value()))
                        .toD("direct:tool-${header." + ExchangeKeys.TOOL_ROUTE + "}").id("tool-route")
                    .when(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.HTTP.value()))
                        .process("httpToolCall").id("tool-http")
                    .when(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.MCP.value()))
                        .process("mcpToolCall").id("tool-mcp")
                    .when(header(ExchangeKeys.TOOL_TYPE).isEqualTo(ToolKind.BUILTIN.value()))
                        .setBody(simple("{\"error\":\"Tool '${header." + ExchangeKeys.TOOL_NAME + "}' not found\"}"))
                    .otherwise()
                        .setBody(simple("{\"error\":\"Unknown tool type: ${header." + ExchangeKeys.TOOL_TYPE + "}\"}"))
                .end();
    }
}
