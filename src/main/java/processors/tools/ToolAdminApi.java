package processors.tools;

import static hub.api.Fields.changed;
import static hub.api.Fields.clearable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.api.tool.AvailableRouteTool;
import hub.api.tool.ChatbotTool;
import hub.api.tool.ChatbotToolList;
import hub.api.tool.ChatbotToolRemoved;
import hub.api.tool.CreateIntegrationRequest;
import hub.api.tool.EnableChatbotToolRequest;
import hub.api.tool.ImportedTools;
import hub.api.tool.Integration;
import hub.api.tool.IntegrationDeleted;
import hub.api.tool.IntegrationList;
import hub.api.tool.ToolArguments;
import hub.api.tool.ToolDefinition;
import hub.api.tool.ToolServerCredentials;
import hub.api.tool.ToolTestResult;
import hub.api.tool.UpdateChatbotToolRequest;
import hub.api.tool.UpdateIntegrationRequest;
import hub.conversation.ConversationRepository;
import hub.conversation.ToolExecution;
import hub.conversation.ToolSpec;
import hub.tools.AgentTools;
import hub.tools.IntegrationCredentials;
import hub.tools.IntegrationRepository;
import hub.tools.IntegrationRepository.ChatbotIntegration;
import hub.tools.RouteToolCatalog;
import hub.tools.ToolCircuitBreakers;
import hub.tools.ToolDiscovery;
import hub.tools.ToolDispatcher;
import hub.tools.ToolKind;
import hub.tools.ToolSettings;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * The tool admin API of an organisation: its integrations ({@code /api/integrations...}: create, read,
 * update, delete, import tools from an http or mcp server) and each chatbot's tools
 * ({@code /api/chatbots/{chatbotId}/tools...}: list, enable, disable, remove, test). Everything is scoped
 * to the API key's organisation: another organisation's chatbot or integration is 404. Credentials go in,
 * never out.
 */
@Component
public record ToolAdminApi(IntegrationRepository integrations, IntegrationCredentials credentials,
                           ToolDiscovery discovery, RouteToolCatalog routeTools, AgentTools agentTools,
                           ConversationRepository conversations, ToolDispatcher dispatcher,
                           ToolCircuitBreakers breakers, ObjectMapper mapper, RequestBodies bodies) {

    private static final Set<String> BUILTINS = AgentTools.BUILTINS;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    // ---- /api/integrations ----

    public void listIntegrations(Exchange exchange) {
        exchange.getMessage().setBody(new IntegrationList(integrations.list(ApiParams.organization(exchange))));
    }

    public void readIntegration(Exchange exchange) {
        exchange.getMessage().setBody(integration(exchange));
    }

    /** {@code POST /api/integrations}: 201; 409 {@code name_taken}. */
    public void createIntegration(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        CreateIntegrationRequest body = bodies.read(exchange, CreateIntegrationRequest.class);
        Map<String, Object> config = body.config() == null ? Map.of() : body.config();
        validate(body.provider(), body.name(), config);
        if (body.credentials() != null && body.credentials().isEmpty()) {
            throw RequestBodies.invalid("credentials", "cannot be null; leave it out for none");
        }
        try {
            UUID id = integrations.create(org, body.provider(), body.name(), body.description(), config,
                    credentials.fromRequest(body.credentials() == null ? null : body.credentials().get()),
                    !Boolean.FALSE.equals(body.active()));
            ApiParams.created(exchange, integrations.find(org, id).orElseThrow());
        } catch (DuplicateKeyException e) {
            throw ApiError.conflict("name_taken", "The organisation already has an integration named '" + body.name() + "'");
        }
    }

    /** {@code PATCH /api/integrations/{integrationId}}: switching an integration back on closes its circuit. */
    public void updateIntegration(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        Integration current = integration(exchange);
        UpdateIntegrationRequest body = bodies.read(exchange, UpdateIntegrationRequest.class);
        String description = clearable(body.description());
        Map<String, Object> config = changed(body.config(), "config");
        Boolean active = changed(body.active(), "active");
        ToolServerCredentials newCredentials = changed(body.credentials(), "credentials");
        if (description == null && config == null && active == null && newCredentials == null) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send at least one field");
        }
        if (config != null) {
            Map<String, Object> merged = new LinkedHashMap<>(current.config());
            merged.putAll(config);
            validate(current.provider(), current.name(), merged);
        }
        integrations.update(org, current.id(), description, config, active);
        if (newCredentials != null) {
            integrations.updateCredentials(org, current.id(), credentials.fromRequest(newCredentials));
        }
        if (Boolean.TRUE.equals(active)) {
            breakers.reset(current.id());
        }
        exchange.getMessage().setBody(integrations.find(org, current.id()).orElseThrow());
    }

    public void deleteIntegration(Exchange exchange) {
        Integration current = integration(exchange);
        integrations.delete(ApiParams.organization(exchange), current.id());
        exchange.getMessage().setBody(new IntegrationDeleted(current.id(), true));
    }

    /** Imports (again) the tools of an http or mcp integration's server into its config. */
    public void importTools(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        Integration current = integration(exchange);
        if (!current.provider().importsTools()) {
            throw ApiError.badRequest("not_importable", "Only http and mcp integrations import tools from a server");
        }
        List<Map<String, Object>> tools = discovery.discover(current.provider().value(),
                current.config().get("server_url") instanceof String url ? url : null, integrations.credentialHeaders(org, current.id()));
        integrations.storeImportedTools(org, current.id(), tools);
        exchange.getMessage().setBody(new ImportedTools(current.id(), tools.size(),
                mapper.convertValue(tools, new TypeReference<List<ToolDefinition>>() {
                })));
    }

    // ---- /api/chatbots/{chatbotId}/tools ----

    public void listChatbotTools(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        UUID chatbot = chatbot(exchange);
        exchange.getMessage().setBody(new ChatbotToolList(
                integrations.chatbotIntegrations(org, chatbot).stream().map(this::view).toList(),
                routeTools.list().stream().map(t -> new AvailableRouteTool(t.name(), t.description())).toList()));
    }

    /** {@code POST /api/chatbots/{chatbotId}/tools}: gives the chatbot an integration, or switches it. */
    public void enableChatbotTool(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        UUID chatbot = chatbot(exchange);
        EnableChatbotToolRequest body = bodies.read(exchange, EnableChatbotToolRequest.class);
        if (body.settingsOverride() != null) {
            ToolSettings.check(body.settingsOverride(), "settings_override");
        }
        if (!integrations.switchForChatbot(org, chatbot, body.integrationId(), !Boolean.FALSE.equals(body.enabled()),
                body.settingsOverride())) {
            throw ApiError.notFound("Integration not found");
        }
        exchange.getMessage().setBody(chatbotTool(org, chatbot, body.integrationId()));
    }

    /** {@code PATCH /api/chatbots/{chatbotId}/tools/{integrationId}}: an override sent as null is cleared. */
    public void updateChatbotTool(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        UUID chatbot = chatbot(exchange);
        UUID integrationId = ApiParams.id(exchange, "integrationId", "Integration");
        UpdateChatbotToolRequest body = bodies.read(exchange, UpdateChatbotToolRequest.class);
        Boolean enabled = changed(body.enabled(), "enabled");
        Map<String, Object> override = body.settingsOverride() == null ? null : body.settingsOverride().orElse(Map.of());
        if (override != null) {
            ToolSettings.check(override, "settings_override");
        }
        if (enabled == null && override == null) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send enabled and/or settings_override");
        }
        if (!integrations.updateForChatbot(org, chatbot, integrationId, enabled, override)) {
            throw notUsed();
        }
        exchange.getMessage().setBody(chatbotTool(org, chatbot, integrationId));
    }

    public void removeChatbotTool(Exchange exchange) {
        UUID integrationId = ApiParams.id(exchange, "integrationId", "Integration");
        if (!integrations.removeFromChatbot(ApiParams.organization(exchange), chatbot(exchange), integrationId)) {
            throw notUsed();
        }
        exchange.getMessage().setBody(new ChatbotToolRemoved(integrationId, true));
    }

    /** Runs one of the chatbot's enabled tools with the given arguments, as the agent would (not recorded). */
    public void testChatbotTool(Exchange exchange) {
        UUID org = ApiParams.organization(exchange);
        UUID chatbot = chatbot(exchange);
        String name = exchange.getIn().getHeader("toolName", String.class);
        ToolArguments arguments = bodies.read(exchange, ToolArguments.class);
        ToolSpec tool = agentTools.offered(conversations.tools(chatbot)).stream()
                .filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("The chatbot has no enabled tool named '" + name + "'"));
        ToolExecution execution = dispatcher.execute(new ToolDispatcher.Caller(org, chatbot, null, null, null), tool,
                arguments.values(), 1);
        exchange.getMessage().setBody(new ToolTestResult(execution.toolName(), ToolKind.of(tool.type()).orElse(null),
                execution.status(), result(execution.result()), execution.errorMessage(), execution.durationMs()));
    }

    // ---- views and checks ----

    private ChatbotTool chatbotTool(UUID org, UUID chatbot, UUID integrationId) {
        return integrations.chatbotIntegrations(org, chatbot).stream()
                .filter(i -> i.id().equals(integrationId)).findFirst().map(this::view).orElseThrow();
    }

    /** The integration as the chatbot uses it, with the tools its LLM is offered from it. */
    private ChatbotTool view(ChatbotIntegration integration) {
        Map<String, Object> config = new LinkedHashMap<>(integration.config());
        config.putAll(integration.settingsOverride());
        String description = config.get("description") instanceof String d ? d : integration.description();
        JsonNode parameters = mapper.valueToTree(config.getOrDefault("parameters", Map.of("type", "object", "properties", Map.of())));
        List<ToolDefinition> tools = agentTools.offered(List.of(new ToolSpec(integration.name(), description, parameters,
                        integration.provider().value(), integration.id(), config))).stream()
                .map(tool -> new ToolDefinition(tool.name(), tool.description(),
                        tool.parameters() == null ? Map.of() : mapper.convertValue(tool.parameters(), MAP)))
                .toList();
        return new ChatbotTool(integration.id(), integration.provider(), integration.name(), integration.enabled(),
                integration.active(), integration.settingsOverride(), tools);
    }

    private void validate(ToolKind provider, String name, Map<String, Object> config) {
        ToolSettings.check(config, "config");
        switch (provider) {
            case ROUTE -> {
                String route = config.get("route") instanceof String r && !r.isBlank() ? r : name;
                if (routeTools.find(route).isEmpty()) {
                    throw ApiError.badRequest("unknown_route_tool", "No route tool named '" + route + "'; available: "
                            + String.join(", ", routeTools.all().keySet()));
                }
            }
            case BUILTIN -> {
                if (!BUILTINS.contains(name)) {
                    throw ApiError.badRequest("unknown_builtin_tool", "Built-in tools: " + String.join(", ", new java.util.TreeSet<>(BUILTINS)));
                }
            }
            case HTTP, MCP -> discovery.checkServerUrl(config.get("server_url") instanceof String url ? url.strip() : null);
        }
    }

    private Integration integration(Exchange exchange) {
        return integrations.find(ApiParams.organization(exchange), ApiParams.id(exchange, "integrationId", "Integration"))
                .orElseThrow(() -> ApiError.notFound("Integration not found"));
    }

    private UUID chatbot(Exchange exchange) {
        UUID chatbot = ApiParams.id(exchange, "chatbotId", "Chatbot");
        if (!integrations.chatbotExists(ApiParams.organization(exchange), chatbot)) {
            throw ApiError.notFound("Chatbot not found");
        }
        return chatbot;
    }

    private static ApiError notUsed() {
        return ApiError.notFound("The chatbot does not use this integration");
    }

    /** The tool's answer as a JSON object: one that is not (a list, a text) goes under "result". */
    private Map<String, Object> result(String answer) {
        if (answer == null) {
            return Map.of();
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        try {
            JsonNode json = mapper.readTree(answer);
            if (json.isObject()) {
                return mapper.convertValue(json, MAP);
            }
            wrapped.put("result", json.isMissingNode() ? answer : mapper.convertValue(json, Object.class));
        } catch (Exception e) {
            wrapped.put("result", answer);
        }
        return wrapped;
    }
}
