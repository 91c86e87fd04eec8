package routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.api.ErrorResponder;
import processors.api.JsonResponse;
import processors.api.TenantScope;
import processors.tools.ToolAdminApi;

/**
 * The tool admin API, scoped to the API key's organisation: its integrations
 * ({@code /api/integrations...}, including "import from server" for http and mcp) and each chatbot's
 * tools ({@code /api/chatbots/{chatbotId}/tools...}: list, enable/disable, remove, test).
 */
@Component
public class ToolAdminRoutes extends RouteBuilder {

    private final TenantScope tenantScope;
    private final JsonResponse jsonResponse;
    private final ErrorResponder errorResponder;
    private final ToolAdminApi api;

    public ToolAdminRoutes(TenantScope tenantScope, JsonResponse jsonResponse, ErrorResponder errorResponder, ToolAdminApi api) {
        this.tenantScope = tenantScope;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
        this.api = api;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api/integrations")
                .get().id("api-integrations").to("direct:integrations-list")
                .post().id("api-integrations-create").to("direct:integration-create")
                .get("/{integrationId}").id("api-integration").to("direct:integration-read")
                .patch("/{integrationId}").id("api-integration-update").to("direct:integration-update")
                .delete("/{integrationId}").id("api-integration-delete").to("direct:integration-delete")
                .post("/{integrationId}/import").id("api-integration-import").to("direct:integration-import");

        rest("/api/chatbots/{chatbotId}/tools")
                .get().id("api-chatbot-tools").to("direct:chatbot-tools-list")
                .post().id("api-chatbot-tools-enable").to("direct:chatbot-tool-enable")
                .patch("/{integrationId}").id("api-chatbot-tool-update").to("direct:chatbot-tool-update")
                .delete("/{integrationId}").id("api-chatbot-tool-remove").to("direct:chatbot-tool-remove")
                .post("/{toolName}/test").id("api-chatbot-tool-test").to("direct:chatbot-tool-test");

        from("direct:integrations-list").routeId("integrations-list")
                .process(tenantScope).process(api::listIntegrations).id("list-integrations").process(jsonResponse);
        from("direct:integration-create").routeId("integration-create")
                .process(tenantScope).process(api::createIntegration).id("create-integration").process(jsonResponse);
        from("direct:integration-read").routeId("integration-read")
                .process(tenantScope).process(api::readIntegration).id("read-integration").process(jsonResponse);
        from("direct:integration-update").routeId("integration-update")
                .process(tenantScope).process(api::updateIntegration).id("update-integration").process(jsonResponse);
        from("direct:integration-delete").routeId("integration-delete")
                .process(tenantScope).process(api::deleteIntegration).id("delete-integration").process(jsonResponse);
        from("direct:integration-import").routeId("integration-import")
                .process(tenantScope).process(api::importTools).id("import-tools").process(jsonResponse);

        from("direct:chatbot-tools-list").routeId("chatbot-tools-list")
                .process(tenantScope).process(api::listChatbotTools).id("list-chatbot-tools").process(jsonResponse);
        from("direct:chatbot-tool-enable").routeId("chatbot-tool-enable")
                .process(tenantScope).process(api::enableChatbotTool).id("enable-chatbot-tool").process(jsonResponse);
        from("direct:chatbot-tool-update").routeId("chatbot-tool-update")
                .process(tenantScope).process(api::updateChatbotTool).id("update-chatbot-tool").process(jsonResponse);
        from("direct:chatbot-tool-remove").routeId("chatbot-tool-remove")
                .process(tenantScope).process(api::removeChatbotTool).id("remove-chatbot-tool").process(jsonResponse);
        from("direct:chatbot-tool-test").routeId("chatbot-tool-test")
                .process(tenantScope).process(api::testChatbotTool).id("test-chatbot-tool").process(jsonResponse);
    }
}
