package routes;

import java.util.Map;
import java.util.UUID;

import hub.tenant.TenantRepository;
import hub.web.ApiError;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.ErrorResponder;
import processors.JsonResponse;
import processors.TenantScope;

/** The tenant's own organisation and chatbots, scoped to the API key's organisation. */
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
                .get("/organization").id("api-organization").to("direct:api-organization")
                .get("/chatbots").id("api-chatbots").to("direct:api-chatbots")
                .get("/chatbots/{chatbotId}").id("api-chatbot").to("direct:api-chatbot");

        from("direct:api-organization").routeId("api-organization-read")
                .process(tenantScope)
                .process(exchange -> exchange.getMessage().setBody(tenants.organization(organization(exchange))
                        .orElseThrow(() -> ApiError.notFound("Organisation not found"))))
                .process(jsonResponse);

        from("direct:api-chatbots").routeId("api-chatbots-list")
                .process(tenantScope)
                .process(exchange -> exchange.getMessage().setBody(Map.of("items", tenants.chatbots(organization(exchange)))))
                .process(jsonResponse);

        from("direct:api-chatbot").routeId("api-chatbot-read")
                .process(tenantScope)
                .process(exchange -> exchange.getMessage().setBody(tenants.chatbot(organization(exchange),
                                TenantScope.uuidParam(exchange, "chatbotId", "Chatbot"))
                        .orElseThrow(() -> ApiError.notFound("Chatbot not found"))))
                .process(jsonResponse);
    }

    private static UUID organization(org.apache.camel.Exchange exchange) {
        return exchange.getProperty(TenantScope.ORGANIZATION_ID, UUID.class);
    }
}
