package processors.api;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import hub.api.Rows;
import hub.api.lead.Lead;
import hub.api.lead.LeadList;
import hub.tools.BusinessToolRepository;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The leads the agent captured for the organisation: a page as JSON, or all of them as a CSV file (RFC 4180
 * quoting; a cell that a spreadsheet would read as a formula — starting with = + - @, a tab or a carriage
 * return — starts with a quote instead).
 */
@Component
public record LeadsApi(BusinessToolRepository leads) {

    static final List<String> CSV_COLUMNS = List.of("id", "chatbot_name", "phone", "name", "email", "company",
            "estimated_messages", "notes", "contact_count", "created_at", "updated_at");

    /** {@code GET /api/leads?limit=&offset=}. */
    public void list(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        int offset = ApiParams.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        exchange.getMessage().setBody(new LeadList(Rows.as(leads.leads(ApiParams.organization(exchange), limit, offset),
                Lead.class), limit, offset));
    }

    /** {@code GET /api/leads/export}: text/csv, a header line and one line per lead. */
    public void export(Exchange exchange) {
        StringBuilder csv = new StringBuilder();
        line(csv, CSV_COLUMNS);
        leads.eachLead(ApiParams.organization(exchange), rs -> line(csv, CSV_COLUMNS.stream().map(column -> {
            try {
                Object value = rs.getObject(column);
                return value instanceof java.sql.Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC).toString()
                        : value instanceof OffsetDateTime at ? at.toString() : value == null ? "" : value.toString();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }).toList()));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"leads.csv\"");
        exchange.getMessage().setBody(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One CSV cell: neutralised when a spreadsheet would run it as a formula, quoted when it must be. */
    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
