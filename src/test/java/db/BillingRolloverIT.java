package db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scheduled billing-period rollover (route billing-period-rollover), driven with a chosen day. */
@IntegrationTest
class BillingRolloverIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Tenants tenants;
    @Autowired
    ProducerTemplate camel;

    @Test
    void onlyDueOrganisationsRollOverAndOnlyQuotaPausedChatbotsComeBack() {
        LocalDate today = LocalDate.of(2031, 3, 15);
        Tenant due = tenants.create("Due " + UUID.randomUUID());
        Tenant notDue = tenants.create("Not due " + UUID.randomUUID());
        period(due, today.minusMonths(1), today);               // ends today: due
        period(notDue, today.minusDays(10), today.plusDays(20)); // runs on
        jdbc.update("INSERT INTO usage_summary (organization_id, period_start, period_end, current_period_messages, current_period_tokens) "
                + "VALUES (?, ?, ?, 42, 4200) ON CONFLICT (organization_id, period_start) DO UPDATE SET current_period_messages = 42, current_period_tokens = 4200",
                due.organizationId(), today.minusMonths(1), today);
        jdbc.update("UPDATE chatbots SET is_active = false, disabled_reason = 'quota' WHERE id = ?", due.chatbotId());
        UUID operatorDisabled = jdbc.queryForObject("""
                INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, is_active, disabled_reason)
                VALUES (?, 'Paused by the operator', ?, false, 'operator') RETURNING id""", UUID.class,
                due.organizationId(), "9" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
        jdbc.update("UPDATE chatbots SET is_active = false, disabled_reason = 'quota' WHERE id = ?", notDue.chatbotId());

        camel.requestBody("direct:billing-period-rollover", today);

        assertThat(periodOf(due)).containsEntry("billing_period_start", java.sql.Date.valueOf(today))
                .containsEntry("billing_period_end", java.sql.Date.valueOf(today.plusMonths(1)));
        assertThat(active(due.chatbotId())).as("paused by the quota: back").isTrue();
        assertThat(active(operatorDisabled)).as("disabled by an operator: stays off").isFalse();
        assertThat(periodOf(notDue)).containsEntry("billing_period_start", java.sql.Date.valueOf(today.minusDays(10)));
        assertThat(active(notDue.chatbotId())).as("not due: untouched").isFalse();
        List<Map<String, Object>> alerts = jdbc.queryForList(
                "SELECT message FROM system_alerts WHERE organization_id = ? AND type = 'OTHER'", due.organizationId());
        assertThat(alerts).singleElement().satisfies(a -> assertThat((String) a.get("message")).contains("42 messages"));
        assertThat(jdbc.queryForObject("SELECT current_period_messages FROM usage_summary WHERE organization_id = ? AND period_start = ?",
                Integer.class, due.organizationId(), today)).as("the new period starts from zero").isZero();

        camel.requestBody("direct:billing-period-rollover", today);
        assertThat(periodOf(due)).as("running again the same day changes nothing")
                .containsEntry("billing_period_start", java.sql.Date.valueOf(today));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_alerts WHERE organization_id = ? AND type = 'OTHER'",
                Integer.class, due.organizationId())).isEqualTo(1);
    }

    private void period(Tenant tenant, LocalDate start, LocalDate end) {
        jdbc.update("UPDATE organizations SET billing_period_start = ?, billing_period_end = ? WHERE id = ?",
                start, end, tenant.organizationId());
    }

    private Map<String, Object> periodOf(Tenant tenant) {
        return jdbc.queryForMap("SELECT billing_period_start, billing_period_end FROM organizations WHERE id = ?",
                tenant.organizationId());
    }

    private boolean active(UUID chatbotId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT is_active FROM chatbots WHERE id = ?", Boolean.class, chatbotId));
    }
}
