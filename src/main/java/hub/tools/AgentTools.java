package hub.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.conversation.ToolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a chatbot's enabled integrations into the tools offered to its LLM, in memory (no SQL):
 * a {@code route} integration becomes its YAML route tool (description and parameters from the route
 * unless the integration overrides them); a {@code builtin} one the named built-in tool; an {@code http}
 * or {@code mcp} integration with imported tools ({@code config.tools}) one tool per imported tool
 * (optionally only those in {@code enabled_tools}), else the integration itself is the tool.
 */
@Component
public class AgentTools {

    public static final String REMEMBER_CUSTOMER_INFO = "remember_customer_info";
    public static final String SEARCH_KNOWLEDGE_BASE = "search_knowledge_base";

    /** Tools that change customers' data or notify a person: a trial of the agent does not run them. */
    private static final java.util.Set<String> ACTING_ON_CUSTOMERS = java.util.Set.of("capture_lead", REMEMBER_CUSTOMER_INFO,
            "contact_owner");

    public static final ToolSpec SEARCH_KNOWLEDGE_BASE_TOOL = new ToolSpec(SEARCH_KNOWLEDGE_BASE,
            "Search the chatbot's knowledge base for relevant information to answer user questions",
            object().<ObjectNode>set("properties", JsonNodeFactory.instance.objectNode()
                            .set("query", property("string", "what to look for")))
                    .set("required", JsonNodeFactory.instance.arrayNode().add("query")),
            ToolKind.BUILTIN.value(), null, Map.of());

    static final String REMEMBER_DESCRIPTION = "Remember a fact the customer told about themselves (for example their "
            + "email, company, city or name) so it is known in later messages. One fact per call.";

    private static final Logger log = LoggerFactory.getLogger(AgentTools.class);

    private final RouteToolCatalog routeTools;
    private final ObjectMapper mapper;

    public AgentTools(RouteToolCatalog routeTools, ObjectMapper mapper) {
        this.routeTools = routeTools;
        this.mapper = mapper;
    }

    public static ToolSpec rememberCustomerInfo(java.util.UUID integrationId, Map<String, Object> config) {
        return new ToolSpec(REMEMBER_CUSTOMER_INFO, REMEMBER_DESCRIPTION,
                object().<ObjectNode>set("properties", JsonNodeFactory.instance.objectNode()
                                .<ObjectNode>set("key", property("string", "what the fact is, in snake_case: email, company, city ..."))
                                .set("value", property("string", "the fact as the customer said it")))
                        .set("required", JsonNodeFactory.instance.arrayNode().add("key").add("value")),
                ToolKind.BUILTIN.value(), integrationId, config == null ? Map.of() : config);
    }

    /** Whether the tool changes customers' data or notifies someone (capture_lead, remember_customer_info, contact_owner). */
    public static boolean actsOnCustomers(ToolSpec tool) {
        return ACTING_ON_CUSTOMERS.contains(tool.name())
                || tool.config() != null && tool.config().get("route") instanceof String route && ACTING_ON_CUSTOMERS.contains(route);
    }

    /** The tools the LLM is offered for these enabled integrations. */
    public List<ToolSpec> offered(List<ToolSpec> integrations) {
        List<ToolSpec> tools = new ArrayList<>();
        for (ToolSpec integration : integrations) {
            ToolKind kind = ToolKind.of(integration.type()).orElse(null);
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case ROUTE -> routeTool(integration).ifPresent(tools::add);
                case BUILTIN -> builtin(integration).ifPresent(tools::add);
                case HTTP, MCP -> tools.addAll(serverTools(integration));
            }
        }
        return tools;
    }

    private java.util.Optional<ToolSpec> routeTool(ToolSpec integration) {
        String routeName = integration.config().get("route") instanceof String r && !r.isBlank() ? r : integration.name();
        var found = routeTools.find(routeName);
        if (found.isEmpty()) {
            log.warn("Integration {} names route tool '{}', which no route in routes/*.yaml provides; not offered",
                    integration.integrationId(), routeName);
            return java.util.Optional.empty();
        }
        var route = found.get();
        Map<String, Object> config = new LinkedHashMap<>(integration.config());
        config.put("route", route.name());
        if (route.llmInstructions() != null) {
            config.putIfAbsent("llm_instructions", route.llmInstructions());
        }
        String description = integration.description() != null && !integration.description().isBlank()
                ? integration.description() : route.description();
        JsonNode parameters = integration.config().containsKey("parameters") ? integration.parameters() : route.parameters();
        return java.util.Optional.of(new ToolSpec(integration.name(), description, parameters, ToolKind.ROUTE.value(),
                integration.integrationId(), config));
    }

    private java.util.Optional<ToolSpec> builtin(ToolSpec integration) {
        if (REMEMBER_CUSTOMER_INFO.equals(integration.name())) {
            return java.util.Optional.of(rememberCustomerInfo(integration.integrationId(), integration.config()));
        }
        if (SEARCH_KNOWLEDGE_BASE.equals(integration.name())) {
            return java.util.Optional.of(SEARCH_KNOWLEDGE_BASE_TOOL);
        }
        return java.util.Optional.empty();
    }

    private List<ToolSpec> serverTools(ToolSpec integration) {
        Object imported = integration.config().get("tools");
        if (!(imported instanceof List<?> list)) {
            return List.of(integration);
        }
        Object enabledOnly = integration.config().get("enabled_tools");
        List<ToolSpec> tools = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> tool) || !(tool.get("name") instanceof String name) || name.isBlank()) {
                continue;
            }
            if (enabledOnly instanceof List<?> names && !names.contains(name) || Boolean.FALSE.equals(tool.get("enabled"))) {
                continue;
            }
            Object schema = tool.get("parameters") != null ? tool.get("parameters")
                    : tool.get("input_schema") != null ? tool.get("input_schema") : tool.get("inputSchema");
            Map<String, Object> config = new LinkedHashMap<>(integration.config());
            config.remove("tools");
            config.remove("enabled_tools");
            config.put("tool", name);
            config.remove("llm_instructions");
            if (tool.get("llm_instructions") != null) {
                config.put("llm_instructions", tool.get("llm_instructions"));
            }
            tools.add(new ToolSpec(name, tool.get("description") == null ? "" : tool.get("description").toString(),
                    schema == null ? object() : mapper.valueToTree(schema), integration.type(),
                    integration.integrationId(), config));
        }
        return tools;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode().put("type", "object")
                .set("properties", JsonNodeFactory.instance.objectNode());
    }

    private static ObjectNode property(String type, String description) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("description", description);
    }
}
