package hub.tenant;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Usage, cost and alerts of one organisation, for the tenant API. */
@Repository
public class UsageRepository {

    private static final String CURRENT = """
            SELECT u.period_start, u.period_end, u.messages_used, u.message_limit, u.tokens_used, u.token_limit,
                   u.estimated_cost_usd,
                   CASE WHEN u.message_limit > 0 THEN round(100.0 * u.messages_used / u.message_limit, 2) END AS message_usage_pct,
                   CASE WHEN u.token_limit > 0 THEN round(100.0 * u.tokens_used / u.token_limit, 2) END AS token_usage_pct,
                   o.plan_tier
              FROM organizations o CROSS JOIN LATERAL get_current_usage(o.id) u
             WHERE o.id = ?""";
    private static final String DAILY = """
            SELECT ul.date_bucket AS day, sum(ul.message_count)::bigint AS messages, sum(ul.tokens_input)::bigint AS tokens_input,
                   sum(ul.tokens_output)::bigint AS tokens_output, sum(ul.tokens_total)::bigint AS tokens_total,
                   sum(ul.tool_calls)::bigint AS tool_calls, sum(ul.estimated_cost_usd) AS estimated_cost_usd
              FROM usage_logs ul
             WHERE ul.organization_id = ? AND ul.date_bucket >= ? AND ul.date_bucket < ?
             GROUP BY ul.date_bucket ORDER BY ul.date_bucket""";
    private static final String BY_MODEL = """
            SELECT coalesce(ul.provider, 'unknown') AS provider, coalesce(ul.model_name, 'unknown') AS model_name,
                   sum(ul.message_count)::bigint AS messages, sum(ul.tokens_total)::bigint AS tokens_total,
                   sum(ul.estimated_cost_usd) AS estimated_cost_usd
              FROM usage_logs ul
             WHERE ul.organization_id = ? AND ul.date_bucket >= ? AND ul.date_bucket < ?
             GROUP BY 1, 2 ORDER BY estimated_cost_usd DESC, 1, 2""";
    private static final String ALERT_COLUMNS = """
            SELECT id, organization_id, chatbot_id, type, reason, severity, message, metadata::text AS metadata,
                   occurrence_count, last_seen_at, acknowledged, acknowledged_by, acknowledged_at, created_at
              FROM system_alerts""";
    private static final String ALERTS = ALERT_COLUMNS + "\n" + """
             WHERE organization_id = ? AND (?::boolean IS NULL OR acknowledged = ?::boolean)
               AND (?::bigint IS NULL OR id < ?::bigint)
             ORDER BY id DESC LIMIT ?""";
    private static final String SET_ACKNOWLEDGED = """
            UPDATE system_alerts
               SET acknowledged = true, acknowledged_by = coalesce(acknowledged_by, ?),
                   acknowledged_at = coalesce(acknowledged_at, now())""";
    private static final String ACKNOWLEDGE = SET_ACKNOWLEDGED + " WHERE organization_id = ? AND id = ?";
    private static final String ALERT = ALERT_COLUMNS + " WHERE organization_id = ? AND id = ?";
    // the operator's: every organisation's and the hub's own (no organisation), or one organisation's
    private static final String ALL_ALERTS = ALERT_COLUMNS + "\n" + """
             WHERE (?::uuid IS NULL OR organization_id = ?::uuid) AND (?::boolean IS NULL OR acknowledged = ?::boolean)
               AND (?::bigint IS NULL OR id < ?::bigint)
             ORDER BY id DESC LIMIT ?""";
    private static final String ACKNOWLEDGE_ANY = SET_ACKNOWLEDGED + " WHERE id = ?";
    private static final String ANY_ALERT = ALERT_COLUMNS + " WHERE id = ?";

    private final JdbcTemplate jdbc;

    public UsageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Map<String, Object>> current(UUID organizationId) {
        return jdbc.queryForList(CURRENT, organizationId).stream().findFirst();
    }

    /** Days in [from, to). */
    public List<Map<String, Object>> daily(UUID organizationId, LocalDate from, LocalDate to) {
        return jdbc.queryForList(DAILY, organizationId, from, to);
    }

    public List<Map<String, Object>> byModel(UUID organizationId, LocalDate from, LocalDate to) {
        return jdbc.queryForList(BY_MODEL, organizationId, from, to);
    }

    public List<Map<String, Object>> alerts(UUID organizationId, Boolean acknowledged, Long beforeId, int limit) {
        return jdbc.queryForList(ALERTS, organizationId, acknowledged, acknowledged, beforeId, beforeId, limit);
    }

    /** The operator's list: {@code organizationId} null for every alert, the hub's own included. */
    public List<Map<String, Object>> allAlerts(UUID organizationId, Boolean acknowledged, Long beforeId, int limit) {
        return jdbc.queryForList(ALL_ALERTS, organizationId, organizationId, acknowledged, acknowledged, beforeId, beforeId, limit);
    }

    public Optional<Map<String, Object>> acknowledgeAny(long alertId, String by) {
        if (jdbc.update(ACKNOWLEDGE_ANY, by, alertId) == 0) {
            return Optional.empty();
        }
        return jdbc.queryForList(ANY_ALERT, alertId).stream().findFirst();
    }

    public Optional<Map<String, Object>> acknowledge(UUID organizationId, long alertId, String by) {
        if (jdbc.update(ACKNOWLEDGE, by, organizationId, alertId) == 0) {
            return Optional.empty();
        }
        return jdbc.queryForList(ALERT, organizationId, alertId).stream().findFirst();
    }
}
