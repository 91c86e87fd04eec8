package processors.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.api.Rows;
import hub.api.alert.AcknowledgeAlertRequest;
import hub.api.alert.Alert;
import hub.api.alert.AlertPage;
import hub.api.usage.CurrentUsage;
import hub.api.usage.DailyUsage;
import hub.api.usage.DailyUsagePage;
import hub.api.usage.ModelUsage;
import hub.api.usage.ModelUsagePage;
import hub.tenant.UsageRepository;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The tenant's usage (current billing period totals against its limits, daily breakdown, cost by
 * model) and alerts (list, acknowledge). Usage counts billed replies only.
 */
@Component
public record UsageApi(UsageRepository usage, RequestBodies bodies, ObjectMapper mapper) {

    /** {@code GET /api/usage}: the current billing period. */
    public void current(Exchange exchange) {
        exchange.getMessage().setBody(current(ApiParams.organization(exchange)));
    }

    /** {@code GET /api/usage/daily?from=&to=}: per day, [from, to]; by default the current billing period. */
    public void daily(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        Range range = range(exchange, organization);
        exchange.getMessage().setBody(new DailyUsagePage(range.from(), range.to(),
                Rows.as(usage.daily(organization, range.from(), range.to().plusDays(1)), DailyUsage.class)));
    }

    /** {@code GET /api/usage/models?from=&to=}: messages, tokens and cost per provider and model. */
    public void byModel(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        Range range = range(exchange, organization);
        exchange.getMessage().setBody(new ModelUsagePage(range.from(), range.to(),
                Rows.as(usage.byModel(organization, range.from(), range.to().plusDays(1)), ModelUsage.class)));
    }

    /** {@code GET /api/alerts?acknowledged=&before=&limit=}: newest first. */
    public void alerts(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        exchange.getMessage().setBody(page(usage.alerts(ApiParams.organization(exchange),
                ApiParams.optionalBoolean(exchange, "acknowledged"), ApiParams.optionalLong(exchange, "before"), limit), limit));
    }

    /** {@code POST /api/alerts/{id}/acknowledge {"acknowledged_by"?}}: idempotent. */
    public void acknowledge(Exchange exchange) {
        long id = ApiParams.numericId(exchange, "alertId", "Alert");
        exchange.getMessage().setBody(alert(usage.acknowledge(ApiParams.organization(exchange), id, acknowledgedBy(exchange, "api"))
                .orElseThrow(() -> ApiError.notFound("Alert not found"))));
    }

    /** {@code GET /api/admin/alerts?organization_id=&acknowledged=&before=&limit=}: every organisation's and the hub's own. */
    public void allAlerts(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        exchange.getMessage().setBody(page(usage.allAlerts(ApiParams.optionalUuid(exchange, "organization_id"),
                ApiParams.optionalBoolean(exchange, "acknowledged"), ApiParams.optionalLong(exchange, "before"), limit), limit));
    }

    /** {@code POST /api/admin/alerts/{id}/acknowledge {"acknowledged_by"?}}: any alert, idempotent. */
    public void acknowledgeAny(Exchange exchange) {
        long id = ApiParams.numericId(exchange, "alertId", "Alert");
        exchange.getMessage().setBody(alert(usage.acknowledgeAny(id, acknowledgedBy(exchange, "operator"))
                .orElseThrow(() -> ApiError.notFound("Alert not found"))));
    }

    private String acknowledgedBy(Exchange exchange, String fallback) {
        String by = bodies.read(exchange, AcknowledgeAlertRequest.class).acknowledgedBy();
        return by == null ? fallback : by;
    }

    private CurrentUsage current(UUID organization) {
        return Rows.as(usage.current(organization).orElseThrow(() -> ApiError.notFound("Organisation not found")),
                CurrentUsage.class);
    }

    /** The days asked for; by default those of the current billing period. */
    private Range range(Exchange exchange, UUID organization) {
        LocalDate from = ApiParams.optionalDate(exchange, "from");
        LocalDate to = ApiParams.optionalDate(exchange, "to");
        if (from == null || to == null) {
            CurrentUsage current = current(organization);
            from = from == null ? current.periodStart() : from;
            to = to == null ? current.periodEnd().minusDays(1) : to;
        }
        if (to.isBefore(from)) {
            throw ApiError.badRequest("invalid_parameter", "to must not be before from");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw ApiError.badRequest("invalid_parameter", "the range can span at most 366 days");
        }
        return new Range(from, to);
    }

    /** A page of alert rows, newest first: a full page says where the next one starts. */
    private AlertPage page(List<Map<String, Object>> rows, int limit) {
        List<Alert> items = rows.stream().map(this::alert).toList();
        return new AlertPage(items, items.size() == limit ? items.get(items.size() - 1).id() : null);
    }

    /** An alert row; its metadata is stored as JSON text. */
    private Alert alert(Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>(row);
        values.put("metadata", metadata((String) row.get("metadata")));
        return Rows.as(values, Alert.class);
    }

    private Map<String, Object> metadata(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }

    private record Range(LocalDate from, LocalDate to) {
    }
}
