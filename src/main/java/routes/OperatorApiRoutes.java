package routes;

import hub.api.alert.AcknowledgeAlertRequest;
import hub.api.alert.Alert;
import hub.api.alert.AlertPage;
import hub.api.chatbot.AssignNumberRequest;
import hub.api.chatbot.Chatbot;
import hub.api.organization.ApiKey;
import hub.api.organization.ApiKeyList;
import hub.api.organization.CreateApiKeyRequest;
import hub.api.organization.CreateOrganizationRequest;
import hub.api.organization.NewApiKey;
import hub.api.organization.Organization;
import hub.api.organization.OrganizationPage;
import hub.api.organization.UpdateOrganizationRequest;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.ChatbotsApi;
import processors.api.OrganizationsApi;
import processors.api.UsageApi;

/**
 * The platform operator's API ({@code hub.admin.token}): organisations and their API keys, WhatsApp
 * numbers assigned to chatbots without the tenant's ownership check, and every alert (the hub's own included).
 * Organisation keys get 403 here; no token gets 401.
 */
@Component
public class OperatorApiRoutes extends ApiRoutes {

    private static final String SLUG_TAKEN = "Another organisation uses this slug (slug_taken)";

    private final OrganizationsApi organizations;
    private final ChatbotsApi chatbots;
    private final UsageApi usage;

    public OperatorApiRoutes(OrganizationsApi organizations, ChatbotsApi chatbots, UsageApi usage) {
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.usage = usage;
    }

    @Override
    protected void routes() {
        rest("/api/admin/organizations").description("Organisations and their API keys (operator token)")
                .post().id("api-admin-organization-create").description("Create an organisation with its plan tier and quotas")
                    .type(CreateOrganizationRequest.class)
                    .responseMessage(response(201, "Created", Organization.class))
                    .responseMessage(refusal(409, SLUG_TAKEN))
                    .to(operatorJson("admin-organization-create", organizations::create, "create-organization"))
                .get().id("api-admin-organizations").description("List organisations, newest first")
                    .params(page(500))
                    .outType(OrganizationPage.class).to(operatorJson("admin-organizations-list", organizations::list, "list-organizations"))
                .get("/{organizationId}").id("api-admin-organization").description("One organisation")
                    .outType(Organization.class).to(operatorJson("admin-organization-read", organizations::read, "read-organization"))
                .patch("/{organizationId}").id("api-admin-organization-update")
                    .description("Change an organisation's name, slug, plan tier, quotas or active state; fields left out stay")
                    .type(UpdateOrganizationRequest.class).outType(Organization.class)
                    .responseMessage(refusal(409, SLUG_TAKEN))
                    .to(operatorJson("admin-organization-update", organizations::update, "update-organization"))
                .delete("/{organizationId}").id("api-admin-organization-deactivate")
                    .description("Deactivate an organisation: its keys stop working, its chatbots stop answering")
                    .outType(Organization.class)
                    .to(operatorJson("admin-organization-deactivate", organizations::deactivate, "deactivate-organization"))
                .post("/{organizationId}/api-keys").id("api-admin-api-key-create")
                    .description("Create an API key; the key is in this answer only. The body is optional")
                    .type(CreateApiKeyRequest.class)
                    .responseMessage(response(201, "Created", NewApiKey.class))
                    .to(operatorJson("admin-api-key-create", organizations::createKey, "create-api-key"))
                .get("/{organizationId}/api-keys").id("api-admin-api-keys")
                    .description("List an organisation's API keys by prefix (never the key)")
                    .param().name("prefix").type(RestParamType.query).description("keys whose prefix starts with this").endParam()
                    .outType(ApiKeyList.class).to(operatorJson("admin-api-keys-list", organizations::listKeys, "list-api-keys"))
                .delete("/{organizationId}/api-keys/{keyId}").id("api-admin-api-key-revoke")
                    .description("Revoke an API key at once").outType(ApiKey.class)
                    .to(operatorJson("admin-api-key-revoke", organizations::revokeKey, "revoke-api-key"));
        rest("/api/admin/alerts").description("Every organisation's alerts and the hub's own (operator token)")
                .get().id("api-admin-alerts")
                    .description("Alerts, newest first: the hub's own (no organisation, such as a message for a phone number "
                            + "id no chatbot uses) and every organisation's, or one organisation's with organization_id")
                    .param().name("organization_id").type(RestParamType.query).dataType("string").dataFormat("uuid")
                        .description("only this organisation's alerts").endParam()
                    .params(alertFilters())
                    .outType(AlertPage.class).to(operatorJson("admin-alerts-list", usage::allAlerts, "list-all-alerts"))
                .post("/{alertId}/acknowledge").id("api-admin-alert-acknowledge")
                    .description("Acknowledge any alert; the body is optional")
                    .type(AcknowledgeAlertRequest.class).outType(Alert.class)
                    .to(operatorJson("admin-alert-acknowledge", usage::acknowledgeAny, "acknowledge-any-alert"));
        rest("/api/admin/chatbots").description("Chatbots of any organisation (operator token)")
                .put("/{chatbotId}/whatsapp-number").id("api-admin-chatbot-number")
                    .description("Assign a WhatsApp phone number id (and its access token) to a chatbot without the "
                            + "Graph API ownership check")
                    .type(AssignNumberRequest.class).outType(Chatbot.class)
                    .responseMessage(refusal(409, "Another chatbot uses this phone number id (phone_number_id_taken)"))
                    .to(operatorJson("admin-chatbot-number", chatbots::assignNumber, "assign-whatsapp-number"));
    }
}
