package routes;

import hub.api.organization.Organization;
import hub.api.sandbox.SandboxMessageList;
import org.springframework.stereotype.Component;
import processors.api.OrganizationsApi;
import processors.api.SandboxMessagesApi;

/** The tenant's own organisation and sandbox replies, scoped to the API key's organisation. */
@Component
public class TenantApiRoutes extends ApiRoutes {

    private final OrganizationsApi organizations;
    private final SandboxMessagesApi sandboxMessages;

    public TenantApiRoutes(OrganizationsApi organizations, SandboxMessagesApi sandboxMessages) {
        this.organizations = organizations;
        this.sandboxMessages = sandboxMessages;
    }

    @Override
    protected void routes() {
        rest("/api")
                .get("/organization").id("api-organization")
                    .description("The key's organisation: plan, limits, billing period")
                    .outType(Organization.class).to(tenantJson("api-organization-read", organizations::own, "read-own-organization"))
                .get("/sandbox/messages").id("api-sandbox-messages")
                    .description("Replies recorded in sandbox mode, newest first")
                    .param(limit(500))
                    .outType(SandboxMessageList.class)
                    .to(tenantJson("api-sandbox-messages-list", sandboxMessages::list, "list-sandbox-messages"));
    }
}
