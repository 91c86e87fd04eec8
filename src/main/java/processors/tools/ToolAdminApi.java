package processors.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.conversation.ConversationRepository;
import hub.conversation.ToolExecution;
import hub.conversation.ToolSpec;
import hub.tools.AgentTools;
import hub.tools.IntegrationCredentials;
import hub.tools.IntegrationRepository;
import hub.tools.IntegrationRepository.ChatbotIntegration;
import hub.tools.IntegrationRepository.Integration;
import hub.tools.RouteToolCatalog;
import hub.tools.ToolCircuitBreakers;
import hub.tools.ToolDiscovery;
import hub.tools.ToolDispatcher;
import hub.web.ApiError;
import hub.web.PathParams;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The tool admin API of an organisation: its integrations ({@code /api/integrations...}: create, read,
 * update, delete, import tools from an http or mcp server) and each chatbot's tools
 * ({@code /api/chatbots/{chatbotId}/tools...}: list, enable, disable, remove, test). Everything is scoped
 * to the API key's organisation: another organisation's chatbot or integration is 404. Credentials go in,
 * never out.
 */
@Component
public class ToolAdminApi {

    private static final Set<String> PROVIDERS = Set.of("builtin", "route", "http", "mcp");
    private static final Set<String> BUILTINS = Set.of(AgentTools.REMEMBER_CUSTOMER_INFO, AgentTools.SEARCH_KNOWLEDGE_BASE);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final IntegrationRepository integrations;
    private final IntegrationCredentials credentials;
    private final ToolDiscovery discovery;
    private final RouteToolCatalog routeTools;
    private final AgentTools agentTools;
    private final ConversationRepository conversations;
    private final ToolDispatcher dispatcher;
    private final ToolCircuitBreakers breakers;
    private final ObjectMapper mapper;

    public ToolAdminApi(IntegrationRepository integrations, IntegrationCredentials credentials, ToolDiscovery discovery,
                        RouteToolCatalog routeTools, AgentTools agentTools, ConversationRepository conversations,
                        ToolDispatcher dispatcher, ToolCircuitBreakers breakers, ObjectMapper mapper) {
        this.integrations = integrations;
        this.credentials = credentials;
        this.discovery = discovery;
        this.routeTools = routeTools;
        this.agentTools = agentTools;
        this.conversations = conversations;
        this.dispatcher = dispatcher;
        this.breakers = breakers;
        this.mapper = mapper;
    }

    // ---- /api/integrations ----

    public void listIntegrations(Exchange exchange) {
        exchange.getMessage().setBody(Map.of("items", integrations.list(organization(exchange)).stream().map(this::view).toList()));
    }

    public void readIntegration(Exchange exchange) {
        exchange.getMessage().setBody(view(integration(exchange)));
    }

    public void createIntegration(Exchange exchange) {
        UUID org = organization(exchange);
        Map<String, Object> body = body(exchange);
        String provider = text(body.get("provider"));
        if (provider == null || !PROVIDERS.contains(provider)) {
            throw ApiError.badRequest("invalid_field", "provider must be one of builtin, route, http, mcp");
        }
        String name = text(body.get("name"));
        if (name == null || name.length() > 100) {
            throw ApiError.badRequest("missing_field", "name is required (at most 100 characters)");
        }
        Map<String, Object> config = body.get("config") == null ? new LinkedHashMap<>() : objectField(body, "config");
        validate(provider, name, config);
        Map<?, ?> given = body.get("credentials") instanceof Map<?, ?> c ? c : null;
        try {
            UUID id = integrations.create(org, provider, name, text(body.get("description")), config,
                    credentials.fromRequest(given), !Boolean.FALSE.equals(body.get("active")));
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
            exchange.getMessage().setBody(view(integrations.find(org, id).orElseThrow()));
        } catch (DuplicateKeyException e) {
            throw new ApiError(409, "name_taken", "The organisation already has an integration named '" + name + "'");
        }
    }

    public void updateIntegration(Exchange exchange) {
        UUID org = organization(exchange);
        Integration current = integration(exchange);
        Map<String, Object> body = body(exchange);
        Map<String, Object> config = body.get("config") == null ? null : objectField(body, "config");
        if (config != null) {
            Map<String, Object> merged = new LinkedHashMap<>(current.config());
            merged.putAll(config);
            validate(current.provider(), current.name(), merged);
        }
        Boolean active = body.get("active") instanceof Boolean b ? b : null;
        integrations.update(org, current.id(), text(body.get("description")), config, active);
        if (body.containsKey("credentials")) {
            integrations.updateCredentials(org, current.id(),
                    credentials.fromRequest(body.get("credentials") instanceof Map<?, ?> c ? c : null));
        }
        if (Boolean.TRUE.equals(active)) {
            breakers.reset(current.id());
        }
        exchange.getMessage().setBody(view(integrations.find(org, current.id()).orElseThrow()));
    }

    public void deleteIntegration(Exchange exchange) {
        Integration current = integration(exchange);
        integrations.delete(organization(exchange), current.id());
        exchange.getMessage().setBody(Map.of("integrationId", current.id(), "deleted", true));
    }

    /** Imports (again) the tools of an http or mcp integration's server into its config. */
    public void importTools(Exchange exchange) {
        UUID org = organization(exchange);
        Integration current = integration(exchange);
        if (!"http".equals(current.provider()) && !"mcp".equals(current.provider())) {
            throw ApiError.badRequest("not_importable", "Only http and mcp integrations import tools from a server");
        }
        List<Map<String, Object>> tools = discovery.discover(current.provider(), text(current.config().get("server_url")),
                integrations.credentialHeaders(org, current.id()));
        integrations.storeImportedTools(org, current.id(), tools);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("integrationId", current.id());
        result.put("imported", tools.size());
        result.put("tools", tools);
        exchange.getMessage().setBody(result);
    }

    // ---- /api/chatbots/{chatbotId}/tools ----

    public void listChatbotTools(Exchange exchange) {
        UUID org = organization(exchange);
        UUID chatbot = chatbot(exchange);
        List<Map<String, Object>> items = integrations.chatbotIntegrations(org, chatbot).stream().map(this::view).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items);
        result.put("routeTools", routeTools.list().stream().map(t -> Map.of("name", t.name(), "description", t.description())).toList());
        exchange.getMessage().setBody(result);
    }

    public void enableChatbotTool(Exchange exchange) {
        Map<String, Object> body = body(exchange);
        Object id = body.get("integrationId");
        UUID integrationId;
        try {
            integrationId = UUID.fromString(String.valueOf(id));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("missing_field", "integrationId (a UUID) is required");
        }
        switchTool(exchange, integrationId, !Boolean.FALSE.equals(body.get("enabled")), body);
    }

    public void updateChatbotTool(Exchange exchange) {
        Map<String, Object> body = body(exchange);
        if (!(body.get("enabled") instanceof Boolean enabled)) {
            throw ApiError.badRequest("missing_field", "enabled (true or false) is required");
        }
        switchTool(exchange, PathParams.uuid(exchange, "integrationId", "Integration"), enabled, body);
    }

    public void removeChatbotTool(Exchange exchange) {
        UUID integrationId = PathParams.uuid(exchange, "integrationId", "Integration");
        if (!integrations.removeFromChatbot(organization(exchange), chatbot(exchange), integrationId)) {
            throw ApiError.notFound("The chatbot does not use this integration");
        }
        exchange.getMessage().setBody(Map.of("integrationId", integrationId, "removed", true));
    }

    /** Runs one of the chatbot's enabled tools with the given arguments, as the agent would (not recorded). */
    public void testChatbotTool(Exchange exchange) {
        UUID org = organization(exchange);
        UUID chatbot = chatbot(exchange);
        String name = exchange.getIn().getHeader("toolName", String.class);
        Map<String, Object> arguments = body(exchange);
        ToolSpec tool = agentTools.offered(conversations.tools(chatbot)).stream()
                .filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("The chatbot has no enabled tool named '" + name + "'"));
        ToolExecution execution = dispatcher.execute(new ToolDispatcher.Caller(org, chatbot, null, null, null), tool,
                arguments, 1);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tool", execution.toolName());
        result.put("type", execution.toolType());
        result.put("status", execution.status());
        result.put("result", parse(execution.result()));
        if (execution.errorMessage() != null) {
            result.put("error", execution.errorMessage());
        }
        result.put("durationMs", execution.durationMs());
        exchange.getMessage().setBody(result);
    }

    private void switchTool(Exchange exchange, UUID integrationId, boolean enabled, Map<String, Object> body) {
        UUID org = organization(exchange);
        UUID chatbot = chatbot(exchange);
        Map<String, Object> override = body.get("settingsOverride") == null ? null : objectField(body, "settingsOverride");
        if (!integrations.switchForChatbot(org, chatbot, integrationId, enabled, override)) {
            throw ApiError.notFound("Integration not found");
        }
        exchange.getMessage().setBody(integrations.chatbotIntegrations(org, chatbot).stream()
                .filter(i -> i.id().equals(integrationId)).findFirst().map(this::view).orElseThrow());
    }

    // ---- views and checks ----

    private Map<String, Object> view(Integration integration) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", integration.id());
        view.put("provider", integration.provider());
        view.put("name", integration.name());
        view.put("description", integration.description());
        view.put("config", integration.config());
        view.put("active", integration.active());
        view.put("hasCredentials", integration.hasCredentials());
        view.put("lastDiscoveredAt", integration.lastDiscoveredAt());
        view.put("createdAt", integration.createdAt());
        view.put("updatedAt", integration.updatedAt());
        return view;
    }

    private Map<String, Object> view(ChatbotIntegration integration) {
        Map<String, Object> config = new LinkedHashMap<>(integration.config());
        config.putAll(integration.settingsOverride());
        String description = config.get("description") instanceof String d ? d : integration.description();
        JsonNode parameters = mapper.valueToTree(config.getOrDefault("parameters", Map.of("type", "object", "properties", Map.of())));
        List<ToolSpec> offered = agentTools.offered(List.of(new ToolSpec(integration.name(), description, parameters,
                integration.provider(), integration.id(), config)));
        List<Map<String, Object>> tools = new ArrayList<>();
        for (ToolSpec tool : offered) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", tool.name());
            item.put("description", tool.description());
            item.put("parameters", tool.parameters());
            tools.add(item);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("integrationId", integration.id());
        view.put("provider", integration.provider());
        view.put("name", integration.name());
        view.put("enabled", integration.enabled());
        view.put("active", integration.active());
        view.put("settingsOverride", integration.settingsOverride());
        view.put("tools", tools);
        return view;
    }

    private void validate(String provider, String name, Map<String, Object> config) {
        switch (provider) {
            case "route" -> {
                String route = config.get("route") instanceof String r && !r.isBlank() ? r : name;
                if (routeTools.find(route).isEmpty()) {
                    throw ApiError.badRequest("unknown_route_tool", "No route tool named '" + route + "'; available: "
                            + String.join(", ", routeTools.all().keySet()));
                }
            }
            case "builtin" -> {
                if (!BUILTINS.contains(name)) {
                    throw ApiError.badRequest("unknown_builtin_tool", "Built-in tools: " + String.join(", ", BUILTINS));
                }
            }
            default -> discovery.checkServerUrl(text(config.get("server_url")));
        }
    }

    private Integration integration(Exchange exchange) {
        return integrations.find(organization(exchange), PathParams.uuid(exchange, "integrationId", "Integration"))
                .orElseThrow(() -> ApiError.notFound("Integration not found"));
    }

    private UUID chatbot(Exchange exchange) {
        UUID chatbot = PathParams.uuid(exchange, "chatbotId", "Chatbot");
        if (!integrations.chatbotExists(organization(exchange), chatbot)) {
            throw ApiError.notFound("Chatbot not found");
        }
        return chatbot;
    }

    private static UUID organization(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.ORGANIZATION_ID, UUID.class);
    }

    private Map<String, Object> body(Exchange exchange) {
        String text = exchange.getIn().getBody(String.class);
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(text, MAP);
        } catch (Exception e) {
            throw ApiError.badRequest("invalid_json", "The body must be a JSON object");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectField(Map<String, Object> body, String field) {
        if (!(body.get(field) instanceof Map<?, ?> map)) {
            throw ApiError.badRequest("invalid_field", field + " must be a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private Object parse(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (Exception e) {
            return json;
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
