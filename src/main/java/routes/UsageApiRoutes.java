package routes;

import hub.api.alert.AcknowledgeAlertRequest;
import hub.api.alert.Alert;
import hub.api.alert.AlertPage;
import hub.api.usage.CurrentUsage;
import hub.api.usage.DailyUsagePage;
import hub.api.usage.ModelUsagePage;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.UsageApi;

/** The tenant's usage and cost, and its alerts. */
@Component
public class UsageApiRoutes extends ApiRoutes {

    private static final String FROM = "first day, yyyy-MM-dd (default: the period's first day)";
    private static final String TO = "last day, yyyy-MM-dd (default: the period's last day)";

    private final UsageApi usage;

    public UsageApiRoutes(UsageApi usage) {
        this.usage = usage;
    }

    @Override
    protected void routes() {
        rest("/api/usage").description("Usage and cost of the organisation")
                .get().id("api-usage").description("Current billing period: totals, limits, cost")
                    .outType(CurrentUsage.class).to(tenantJson("usage-current", usage::current, "read-usage"))
                .get("/daily").id("api-usage-daily").description("Per day between from and to (default: the current period)")
                    .param().name("from").type(RestParamType.query).dataType("string").dataFormat("date").description(FROM).endParam()
                    .param().name("to").type(RestParamType.query).dataType("string").dataFormat("date").description(TO).endParam()
                    .outType(DailyUsagePage.class).to(tenantJson("usage-daily", usage::daily, "read-daily-usage"))
                .get("/models").id("api-usage-models").description("Messages, tokens and cost per provider and model")
                    .param().name("from").type(RestParamType.query).dataType("string").dataFormat("date").description(FROM).endParam()
                    .param().name("to").type(RestParamType.query).dataType("string").dataFormat("date").description(TO).endParam()
                    .outType(ModelUsagePage.class).to(tenantJson("usage-models", usage::byModel, "read-cost-by-model"));
        rest("/api/alerts").description("The organisation's alerts")
                .get().id("api-alerts").description("Alerts, newest first; ?acknowledged=false for open ones")
                    .params(alertFilters())
                    .outType(AlertPage.class).to(tenantJson("alerts-list", usage::alerts, "list-alerts"))
                .post("/{alertId}/acknowledge").id("api-alert-acknowledge").description("Acknowledge an alert; the body is optional")
                    .type(AcknowledgeAlertRequest.class).outType(Alert.class)
                    .to(tenantJson("alert-acknowledge", usage::acknowledge, "acknowledge-alert"));
    }
}
