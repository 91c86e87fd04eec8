package routes;

import hub.tools.ToolDispatcher;
import org.apache.camel.builder.RouteBuilder;

import static org.apache.camel.builder.PredicateBuilder.and;
import org.springframework.stereotype.Component;
import processors.HttpToolCall;
import processors.SearchKnowledgeBaseTool;

/**
 * {@code direct:tool-dispatch}: a content-based router by tool type. The body is the LLM's arguments,
 * the answer is the tool's JSON result.
 */
@Component
public class ToolDispatchRoutes extends RouteBuilder {

    private final SearchKnowledgeBaseTool searchKnowledgeBase;
    private final HttpToolCall httpToolCall;

    public ToolDispatchRoutes(SearchKnowledgeBaseTool searchKnowledgeBase, HttpToolCall httpToolCall) {
        this.searchKnowledgeBase = searchKnowledgeBase;
        this.httpToolCall = httpToolCall;
    }

    @Override
    public void configure() {
        from("direct:tool-dispatch").routeId("tool-dispatch")
                .choice()
                    .when(and(header(ToolDispatcher.TOOL_TYPE).isEqualTo("builtin"),
                            header(ToolDispatcher.TOOL_NAME).isEqualTo("search_knowledge_base")))
                        .process(searchKnowledgeBase).id("tool-search-knowledge-base")
                    .when(header(ToolDispatcher.TOOL_TYPE).isEqualTo("route"))
                        .toD("direct:tool-${header." + ToolDispatcher.TOOL_NAME + "}").id("tool-route")
                    .when(header(ToolDispatcher.TOOL_TYPE).isEqualTo("http"))
                        .process(httpToolCall).id("tool-http")
                    .when(header(ToolDispatcher.TOOL_TYPE).isEqualTo("builtin"))
                        .setBody(simple("{\"error\":\"Tool '${header." + ToolDispatcher.TOOL_NAME + "}' not found\"}"))
                    .otherwise()
                        .setBody(simple("{\"error\":\"Unknown tool type: ${header." + ToolDispatcher.TOOL_TYPE + "}\"}"))
                .end();
    }
}
