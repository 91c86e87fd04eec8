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
public record AgentTools(RouteToolCatalog routeTools, ObjectMapper mapper) {

    public static final String REMEMBER_CUSTOMER_INFO = "remember_customer_info";
    public static final String SEARCH_KNOWLEDGE_BASE = "search_knowledge_base";
    public static final String SEND_BUTTONS = hub.conversation.InteractiveReply.SEND_BUTTONS;
    public static final String SEND_LIST = hub.conversation.InteractiveReply.SEND_LIST;
    public static final String HANDOFF_TO_HUMAN = "handoff_to_human";

    /** Tools that change customers' data or notify a person: a trial of the agent does not run them. */
    private static final java.util.Set<String> ACTING_ON_CUSTOMERS = java.util.Set.of("capture_lead", REMEMBER_CUSTOMER_INFO,
            "contact_owner", HANDOFF_TO_HUMAN);

    /** The built-in tools a chatbot can be given. */
    public static final java.util.Set<String> BUILTINS = java.util.Set.of(REMEMBER_CUSTOMER_INFO, SEARCH_KNOWLEDGE_BASE,
            SEND_BUTTONS, SEND_LIST, HANDOFF_TO_HUMAN);

    static final ToolSpec SEND_BUTTONS_TOOL = new ToolSpec(SEND_BUTTONS,
            "Reply with a WhatsApp message with up to 3 buttons the customer taps to answer, instead of a text reply. "
                    + "Button titles at most 20 characters, ids unique; body at most 1024 characters.",
            object().<ObjectNode>set("properties", JsonNodeFactory.instance.objectNode()
                            .<ObjectNode>set("body", property("string", "the message text above the buttons"))
                            .<ObjectNode>set("buttons", items(2, "up to 3 buttons", "title at most 20 characters"))
                            .<ObjectNode>set("header", property("string", "optional title line, at most 60 characters"))
                            .set("footer", property("string", "optional small print, at most 60 characters")))
                    .set("required", JsonNodeFactory.instance.arrayNode().add("body").add("buttons")),
            ToolKind.BUILTIN.value(), null, Map.of(ToolSpec.ENDS_TURN, true, "llm_instructions", "When the customer has to choose between 2 or 3 "
                    + "clear options (yes/no, a plan, a time slot), offer them as buttons. The buttons are your whole "
                    + "reply for this message: do not write them again as text. The customer's tap comes back as their "
                    + "next message (the button's title, with its id)."));

    static final ToolSpec SEND_LIST_TOOL = new ToolSpec(SEND_LIST,
            "Reply with a WhatsApp list: a button that opens up to 10 rows the customer picks one from, instead of a text "
                    + "reply. Row titles at most 24 characters, descriptions at most 72, button text at most 20, ids unique.",
            object().<ObjectNode>set("properties", JsonNodeFactory.instance.objectNode()
                            .<ObjectNode>set("body", property("string", "the message text"))
                            .<ObjectNode>set("button", property("string", "the text of the button that opens the list, at most 20 characters"))
                            .<ObjectNode>set("rows", items(3, "up to 10 rows", "title at most 24 characters"))
                            .<ObjectNode>set("section_title", property("string", "optional title above the rows, at most 24 characters"))
                            .<ObjectNode>set("header", property("string", "optional title line, at most 60 characters"))
                            .set("footer", property("string", "optional small print, at most 60 characters")))
                    .set("required", JsonNodeFactory.instance.arrayNode().add("body").add("button").add("rows")),
            ToolKind.BUILTIN.value(), null, Map.of(ToolSpec.ENDS_TURN, true, "llm_instructions", "When the customer has to choose one of 4 to 10 "
                    + "options (products, branches, topics), offer them as a list. The list is your whole reply for this "
                    + "message: do not write the options again as text. The customer's choice comes back as their next "
                    + "message (the row's title, with its id)."));

    static final ToolSpec HANDOFF_TO_HUMAN_TOOL = new ToolSpec(HANDOFF_TO_HUMAN,
            "Hand the conversation to a person of the team: the owner is notified, the customer is told when someone will "
                    + "answer, and you stop answering this customer until the team hands the conversation back.",
            object().<ObjectNode>set("properties", JsonNodeFactory.instance.objectNode()
                            .set("reason", property("string", "why a person is needed, in one sentence, for the team")))
                    .set("required", JsonNodeFactory.instance.arrayNode().add("reason")),
            ToolKind.BUILTIN.value(), null, Map.of(ToolSpec.ENDS_TURN, true, "llm_instructions", "When the customer asks for a person, is upset "
                    + "or complains, or needs something you cannot do or answer from your instructions and knowledge "
                    + "(a refund, a special price, a problem with an order). The customer is told by the hub: do not add a "
                    + "reply of your own."));

    public static final ToolSpec SEARCH_KNOWLEDGE_BASE_TOOL = new ToolSpec(SEARCH_KNOWLEDGE_BASE,
            "Search the chatbot's knowledge base for relevant information to answer user questions",
            object().<ObjectNode>set("properties", JsonNodeFactory.instance.objectNode()
                            .set("query", property("string", "what to look for")))
                    .set("required", JsonNodeFactory.instance.arrayNode().add("query")),
            ToolKind.BUILTIN.value(), null, Map.of());

    static final String REMEMBER_DESCRIPTION = "Remember a fact the customer told about themselves (for example their "
            + "email, company, city or name) so it is known in later messages. One fact per call.";

    private static final Logger log = LoggerFactory.getLogger(AgentTools.class);

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
        return java.util.Optional.ofNullable(switch (integration.name()) {
            case SEARCH_KNOWLEDGE_BASE -> SEARCH_KNOWLEDGE_BASE_TOOL;
            case SEND_BUTTONS -> SEND_BUTTONS_TOOL;
            case SEND_LIST -> SEND_LIST_TOOL;
            case HANDOFF_TO_HUMAN -> HANDOFF_TO_HUMAN_TOOL;
            default -> null;
        });
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

    /** An array of {id, title[, description]} choices. */
    private static ObjectNode items(int fields, String description, String titleRule) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode()
                .<ObjectNode>set("id", property("string", "what the choice means to you, unique"))
                .set("title", property("string", titleRule));
        if (fields > 2) {
            properties.set("description", property("string", "optional, at most 72 characters"));
        }
        return JsonNodeFactory.instance.objectNode().put("type", "array").put("description", description)
                .set("items", object().<ObjectNode>set("properties", properties)
                        .set("required", JsonNodeFactory.instance.arrayNode().add("id").add("title")));
    }

    private static ObjectNode property(String type, String description) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("description", description);
    }
}
