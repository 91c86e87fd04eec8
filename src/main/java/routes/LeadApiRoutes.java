package routes;

import hub.api.lead.LeadList;
import org.springframework.stereotype.Component;
import processors.api.LeadsApi;

/** The leads the agent captured for the organisation (owner only in the console): a page, or a CSV export. */
@Component
public class LeadApiRoutes extends ApiRoutes {

    private final LeadsApi leads;

    public LeadApiRoutes(LeadsApi leads) {
        this.leads = leads;
    }

    @Override
    protected void routes() {
        rest("/api/leads").description("Leads the agent captured")
                .get().id("api-leads").description("The organisation's leads, most recently updated first")
                    .params(page(500))
                    .outType(LeadList.class).to(tenantJson("leads-list", leads::list, "list-leads"))
                .get("/export").id("api-leads-export")
                    .description("Every lead as a CSV file (UTF-8, RFC 4180; cells a spreadsheet would run as a formula start with ')")
                    .produces("text/csv,application/json")
                    .responseMessage(response(200, "The leads as CSV", String.class))
                    .to("direct:leads-export");

        tenantRoute("direct:leads-export").routeId("leads-export")
                .process(leads::export).id("export-leads");
    }
}
