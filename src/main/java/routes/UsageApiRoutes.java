package routes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.ErrorResponder;
import processors.api.JsonResponse;
import processors.api.TenantScope;
import processors.api.UsageApi;

/** The tenant's usage and cost, and its alerts. */
@Component
public class UsageApiRoutes extends RouteBuilder {

    private final TenantScope tenantScope;
    private final UsageApi usage;
    private final JsonResponse jsonResponse;
    private final ErrorResponder errorResponder;

    public UsageApiRoutes(TenantScope tenantScope, UsageApi usage, JsonResponse jsonResponse, ErrorResponder errorResponder) {
        this.tenantScope = tenantScope;
        this.usage = usage;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api/usage").description("Usage and cost of the organisation")
                .get().id("api-usage").description("Current billing period: totals, limits, cost").to("direct:usage-current")
                .get("/daily").id("api-usage-daily").description("Per day between from and to (default: the current period)")
                    .param().name("from").type(RestParamType.query).description("first day, yyyy-MM-dd (default: period start)").endParam()
                    .param().name("to").type(RestParamType.query).description("last day, yyyy-MM-dd (default: period end)").endParam()
                    .to("direct:usage-daily")
                .get("/models").id("api-usage-models").description("Messages, tokens and cost per provider and model")
                    .param().name("from").type(RestParamType.query).description("first day, yyyy-MM-dd (default: period start)").endParam()
                    .param().name("to").type(RestParamType.query).description("last day, yyyy-MM-dd (default: period end)").endParam()
                    .to("direct:usage-models");
        rest("/api/alerts").description("The organisation's alerts")
                .get().id("api-alerts").description("Alerts, newest first; ?acknowledged=false for open ones")
                    .param().name("acknowledged").type(RestParamType.query).dataType("boolean").endParam()
                    .param().name("before").type(RestParamType.query).dataType("integer").description("alerts older than this id").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").description("1-500, default 50").endParam()
                    .to("direct:alerts-list")
                .post("/{alertId}/acknowledge").id("api-alert-acknowledge").description("Acknowledge an alert")
                    .to("direct:alert-acknowledge");

        from("direct:usage-current").routeId("usage-current")
                .process(tenantScope).process(usage::current).id("read-usage").process(jsonResponse);
        from("direct:usage-daily").routeId("usage-daily")
                .process(tenantScope).process(usage::daily).id("read-daily-usage").process(jsonResponse);
        from("direct:usage-models").routeId("usage-models")
                .process(tenantScope).process(usage::byModel).id("read-cost-by-model").process(jsonResponse);
        from("direct:alerts-list").routeId("alerts-list")
                .process(tenantScope).process(usage::alerts).id("list-alerts").process(jsonResponse);
        from("direct:alert-acknowledge").routeId("alert-acknowledge")
                .process(tenantScope).process(usage::acknowledge).id("acknowledge-alert").process(jsonResponse);
    }
}
