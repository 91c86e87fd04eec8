package routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.api.ChatbotsApi;
import processors.api.ErrorResponder;
import processors.api.JsonResponse;
import processors.api.OperatorScope;
import processors.api.OrganizationsApi;

/**
 * The platform operator's API ({@code hub.admin.token}): organisations and their API keys, and WhatsApp
 * numbers assigned to chatbots without the tenant's ownership check. Organisation keys get 403 here; no
 * token gets 401.
 */
@Component
public class OperatorApiRoutes extends RouteBuilder {

    private final OperatorScope operatorScope;
    private final OrganizationsApi organizations;
    private final JsonResponse jsonResponse;
    private final ErrorResponder errorResponder;
    private final ChatbotsApi chatbots;

    public OperatorApiRoutes(OperatorScope operatorScope, OrganizationsApi organizations, JsonResponse jsonResponse,
                             ErrorResponder errorResponder, ChatbotsApi chatbots) {
        this.operatorScope = operatorScope;
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api/admin/organizations").description("Organisations and their API keys (operator token)")
                .post().id("api-admin-organization-create").description("Create an organisation with its plan tier and quotas")
                    .to("direct:admin-organization-create")
                .get().id("api-admin-organizations").description("List organisations").to("direct:admin-organizations")
                .get("/{organizationId}").id("api-admin-organization").description("One organisation")
                    .to("direct:admin-organization")
                .patch("/{organizationId}").id("api-admin-organization-update")
                    .description("Change an organisation's name, slug, plan tier, quotas or active state")
                    .to("direct:admin-organization-update")
                .delete("/{organizationId}").id("api-admin-organization-deactivate")
                    .description("Deactivate an organisation: its keys stop working, its chatbots stop answering")
                    .to("direct:admin-organization-deactivate")
                .post("/{organizationId}/api-keys").id("api-admin-api-key-create")
                    .description("Create an API key; the key is in this answer only").to("direct:admin-api-key-create")
                .get("/{organizationId}/api-keys").id("api-admin-api-keys")
                    .description("List an organisation's API keys by prefix (never the key)").to("direct:admin-api-keys")
                .delete("/{organizationId}/api-keys/{keyId}").id("api-admin-api-key-revoke")
                    .description("Revoke an API key at once").to("direct:admin-api-key-revoke");
        rest("/api/admin/chatbots").description("Chatbots of any organisation (operator token)")
                .put("/{chatbotId}/whatsapp-number").id("api-admin-chatbot-number")
                    .description("Assign a WhatsApp phone number id (and its access token) to a chatbot without the "
                            + "Graph API ownership check; 409 when another chatbot uses it")
                    .to("direct:admin-chatbot-number");

        from("direct:admin-organization-create").routeId("admin-organization-create")
                .process(operatorScope).process(organizations::create).id("create-organization").process(jsonResponse);
        from("direct:admin-organizations").routeId("admin-organizations-list")
                .process(operatorScope).process(organizations::list).id("list-organizations").process(jsonResponse);
        from("direct:admin-organization").routeId("admin-organization-read")
                .process(operatorScope).process(organizations::read).id("read-organization").process(jsonResponse);
        from("direct:admin-organization-update").routeId("admin-organization-update")
                .process(operatorScope).process(organizations::update).id("update-organization").process(jsonResponse);
        from("direct:admin-organization-deactivate").routeId("admin-organization-deactivate")
                .process(operatorScope).process(organizations::deactivate).id("deactivate-organization").process(jsonResponse);
        from("direct:admin-api-key-create").routeId("admin-api-key-create")
                .process(operatorScope).process(organizations::createKey).id("create-api-key").process(jsonResponse);
        from("direct:admin-api-keys").routeId("admin-api-keys-list")
                .process(operatorScope).process(organizations::listKeys).id("list-api-keys").process(jsonResponse);
        from("direct:admin-chatbot-number").routeId("admin-chatbot-number")
                .process(operatorScope).process(chatbots::assignNumber).id("assign-whatsapp-number").process(jsonResponse);
        from("direct:admin-api-key-revoke").routeId("admin-api-key-revoke")
                .process(operatorScope).process(organizations::revokeKey).id("revoke-api-key").process(jsonResponse);
    }
}
