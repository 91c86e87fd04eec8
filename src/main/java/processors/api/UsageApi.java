package processors.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.tenant.UsageRepository;
import hub.web.ApiError;
import hub.web.JsonRequest;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The tenant's usage (current billing period totals against its limits, daily breakdown, cost by
 * model) and alerts (list, acknowledge). Usage counts billed replies only.
 */
@Component
public class UsageApi {

    private static final Set<String> ACK_FIELDS = Set.of("acknowledged_by");

    private final UsageRepository usage;
    private final ObjectMapper mapper;

    public UsageApi(UsageRepository usage, ObjectMapper mapper) {
        this.usage = usage;
        this.mapper = mapper;
    }

    /** {@code GET /api/usage}: the current billing period. */
    public void current(Exchange exchange) {
        exchange.getMessage().setBody(usage.current(ApiParams.organization(exchange))
                .orElseThrow(() -> ApiError.notFound("Organisation not found")));
    }

    /** {@code GET /api/usage/daily?from=&to=}: per day, [from, to]; by default the current billing period. */
    public void daily(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        LocalDate[] range = range(exchange, organization);
        exchange.getMessage().setBody(page(range, usage.daily(organization, range[0], range[1].plusDays(1))));
    }

    /** {@code GET /api/usage/models?from=&to=}: messages, tokens and cost per provider and model. */
    public void byModel(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        LocalDate[] range = range(exchange, organization);
        exchange.getMessage().setBody(page(range, usage.byModel(organization, range[0], range[1].plusDays(1))));
    }

    /** {@code GET /api/alerts?acknowledged=&before=&limit=}: newest first. */
    public void alerts(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        List<Map<String, Object>> items = usage.alerts(ApiParams.organization(exchange),
                ApiParams.optionalBoolean(exchange, "acknowledged"), ApiParams.optionalLong(exchange, "before"), limit);
        items.forEach(this::parseMetadata);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next_before", items.size() == limit ? items.get(items.size() - 1).get("id") : null);
        exchange.getMessage().setBody(page);
    }

    /** {@code POST /api/alerts/{id}/acknowledge {"acknowledged_by"?}}: idempotent. */
    public void acknowledge(Exchange exchange) {
        long id;
        try {
            id = Long.parseLong(exchange.getIn().getHeader("alertId", String.class));
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiError.notFound("Alert not found");
        }
        JsonRequest body = JsonRequest.optional(exchange, mapper, ACK_FIELDS);
        String by = body.text("acknowledged_by", 200);
        exchange.getMessage().setBody(usage.acknowledge(ApiParams.organization(exchange), id, by == null ? "api" : by)
                .orElseThrow(() -> ApiError.notFound("Alert not found")));
    }

    private LocalDate[] range(Exchange exchange, UUID organization) {
        LocalDate from = ApiParams.optionalDate(exchange, "from");
        LocalDate to = ApiParams.optionalDate(exchange, "to");
        if (from == null || to == null) {
            var current = usage.current(organization).orElseThrow(() -> ApiError.notFound("Organisation not found"));
            LocalDate start = ((java.sql.Date) current.get("period_start")).toLocalDate();
            LocalDate end = ((java.sql.Date) current.get("period_end")).toLocalDate();
            from = from == null ? start : from;
            to = to == null ? end.minusDays(1) : to;
        }
        if (to.isBefore(from)) {
            throw ApiError.badRequest("invalid_parameter", "to must not be before from");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw ApiError.badRequest("invalid_parameter", "the range can span at most 366 days");
        }
        return new LocalDate[] {from, to};
    }

    private static Map<String, Object> page(LocalDate[] range, List<Map<String, Object>> items) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("from", range[0].toString());
        page.put("to", range[1].toString());
        page.put("items", items);
        return page;
    }

    private void parseMetadata(Map<String, Object> alert) {
        Object metadata = alert.get("metadata");
        if (metadata instanceof String text) {
            try {
                alert.put("metadata", mapper.readTree(text));
            } catch (Exception e) {
                alert.put("metadata", Map.of());
            }
        }
    }
}
