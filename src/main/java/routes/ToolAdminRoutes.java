package routes;

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
import hub.api.tool.ToolTestResult;
import hub.api.tool.UpdateChatbotToolRequest;
import hub.api.tool.UpdateIntegrationRequest;
import org.springframework.stereotype.Component;
import processors.tools.ToolAdminApi;

/**
 * The tool admin API, scoped to the API key's organisation: its integrations
 * ({@code /api/integrations...}, including "import from server" for http and mcp) and each chatbot's
 * tools ({@code /api/chatbots/{chatbotId}/tools...}: list, enable/disable, remove, test).
 */
@Component
public class ToolAdminRoutes extends ApiRoutes {

    private static final String INVALID_CONFIG = "Invalid request: invalid_json, unknown_field, missing_field, invalid_field; "
            + "or a config naming no route tool (unknown_route_tool) or built-in tool (unknown_builtin_tool), "
            + "or a server_url that is not a public http(s) URL (invalid_url, url_not_allowed)";

    private final ToolAdminApi api;

    public ToolAdminRoutes(ToolAdminApi api) {
        this.api = api;
    }

    @Override
    protected void routes() {
        rest("/api/integrations").description("The organisation's integrations: where its chatbots' tools come from")
                .get().id("api-integrations").description("The organisation's integrations, by name")
                    .outType(IntegrationList.class).to(tenantJson("integrations-list", api::listIntegrations, "list-integrations"))
                .post().id("api-integrations-create")
                    .description("Create an integration: a built-in tool, a YAML route tool, an HTTP tool server or an MCP server; "
                            + "credentials are write-only")
                    .type(CreateIntegrationRequest.class)
                    .responseMessage(response(201, "Created", Integration.class))
                    .responseMessage(refusal(400, INVALID_CONFIG))
                    .responseMessage(refusal(409, "The organisation has an integration of this name (name_taken)"))
                    .to(tenantJson("integration-create", api::createIntegration, "create-integration"))
                .get("/{integrationId}").id("api-integration").description("One integration")
                    .outType(Integration.class).to(tenantJson("integration-read", api::readIntegration, "read-integration"))
                .patch("/{integrationId}").id("api-integration-update")
                    .description("Change an integration: fields left out stay; config is merged; credentials replace the "
                            + "current ones, null removes them")
                    .type(UpdateIntegrationRequest.class).outType(Integration.class)
                    .responseMessage(refusal(400, INVALID_CONFIG))
                    .to(tenantJson("integration-update", api::updateIntegration, "update-integration"))
                .delete("/{integrationId}").id("api-integration-delete")
                    .description("Delete an integration, from every chatbot too")
                    .outType(IntegrationDeleted.class).to(tenantJson("integration-delete", api::deleteIntegration, "delete-integration"))
                .post("/{integrationId}/import").id("api-integration-import")
                    .description("Import (again) the tools an http or mcp integration's server lists into config.tools")
                    .outType(ImportedTools.class)
                    .responseMessage(refusal(400, "Only http and mcp integrations import tools (not_importable), "
                            + "or the server_url is not allowed (invalid_url, url_not_allowed)"))
                    .responseMessage(refusal(502, "The server could not be read (discovery_failed)"))
                    .to(tenantJson("integration-import", api::importTools, "import-tools"));

        rest("/api/chatbots/{chatbotId}/tools").description("The tools of a chatbot: which integrations it uses")
                .get().id("api-chatbot-tools")
                    .description("The organisation's integrations as the chatbot uses them, with the tools its LLM is "
                            + "offered, and the route tools an integration can name")
                    .outType(ChatbotToolList.class).to(tenantJson("chatbot-tools-list", api::listChatbotTools, "list-chatbot-tools"))
                .post().id("api-chatbot-tools-enable")
                    .description("Give the chatbot an integration's tools (or switch them on or off)")
                    .type(EnableChatbotToolRequest.class).outType(ChatbotTool.class)
                    .to(tenantJson("chatbot-tool-enable", api::enableChatbotTool, "enable-chatbot-tool"))
                .patch("/{integrationId}").id("api-chatbot-tool-update")
                    .description("Switch an integration the chatbot uses on or off, or change its settings_override")
                    .type(UpdateChatbotToolRequest.class).outType(ChatbotTool.class)
                    .to(tenantJson("chatbot-tool-update", api::updateChatbotTool, "update-chatbot-tool"))
                .delete("/{integrationId}").id("api-chatbot-tool-remove")
                    .description("Stop the chatbot using an integration")
                    .outType(ChatbotToolRemoved.class).to(tenantJson("chatbot-tool-remove", api::removeChatbotTool, "remove-chatbot-tool"))
                .post("/{toolName}/test").id("api-chatbot-tool-test")
                    .description("Run one of the chatbot's enabled tools with these arguments, as the agent would (not recorded)")
                    .type(ToolArguments.class).outType(ToolTestResult.class)
                    .to(tenantJson("chatbot-tool-test", api::testChatbotTool, "test-chatbot-tool"));
    }
}
