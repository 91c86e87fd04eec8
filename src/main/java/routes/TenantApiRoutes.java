package routes;

import java.util.Map;
import java.util.UUID;

import hub.ExchangeKeys;
import hub.tenant.TenantRepository;
import hub.web.ApiError;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.api.ErrorResponder;
import processors.api.JsonResponse;
import processors.api.TenantScope;

/** The tenant's own organisation and sandbox replies, scoped to the API key's organisation. */
@Component
public class TenantApiRoutes extends RouteBuilder {

    private final TenantRepository tenants;
    private final TenantScope tenantScope;
    private final JsonResponse jsonResponse;
    private final ErrorResponder errorResponder;


    public TenantApiRoutes(TenantRepository tenants, TenantScope tenantScope, JsonResponse jsonResponse,
                           ErrorResponder errorResponder) {
        this.tenants = tenants;
        this.tenantScope = tenantScope;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api")
                .get("/organization").id("api-organization")
                    .description("The key's organisation: plan, limits, billing period").to("direct:api-organization")
                .get("/sandbox/messages").id("api-sandbox-messages")
                    .description("Replies recorded in sandbox mode, newest first").to("direct:api-sandbox-messages");

        from("direct:api-organization").routeId("api-organization-read")
                .process(tenantScope)
                .process(exchange -> exchange.getMessage().setBody(tenants.organization(organization(exchange))
                        .orElseThrow(() -> ApiError.notFound("Organisation not found"))))
                .process(jsonResponse);

        // replies recorded in sandbox mode (hub.whatsapp.graph-base-url=sandbox), newest first
        from("direct:api-sandbox-messages").routeId("api-sandbox-messages-list")
                .process(tenantScope)
                .process(exchange -> exchange.getMessage().setBody(Map.of("items",
                        tenants.sandboxMessages(organization(exchange), limit(exchange)))))
                .process(jsonResponse);
    }

    private static int limit(org.apache.camel.Exchange exchange) {
        String limit = exchange.getIn().getHeader("limit", String.class);
        try {
            return limit == null ? 50 : Math.max(1, Math.min(500, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_limit", "limit must be a number between 1 and 500");
        }
    }

    private static UUID organization(org.apache.camel.Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.ORGANIZATION_ID, UUID.class);
    }
}
