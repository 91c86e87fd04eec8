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
    @Autowired
    hub.TestClock clock;

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

    /** The route's clock is the day it is given: walk it day by day and watch only due organisations move. */
    @Test
    void walkingTheClockDayByDayRollsEachOrganisationOnItsOwnDay() {
        LocalDate start = LocalDate.of(2032, 1, 31);
        Tenant monthEnd = tenants.create("Month end " + UUID.randomUUID());
        Tenant midMonth = tenants.create("Mid month " + UUID.randomUUID());
        Tenant late = tenants.create("Three months late " + UUID.randomUUID());
        period(monthEnd, start, LocalDate.of(2032, 2, 29));
        period(midMonth, LocalDate.of(2032, 2, 15), LocalDate.of(2032, 3, 15));
        period(late, LocalDate.of(2031, 10, 10), LocalDate.of(2031, 11, 10));
        // paused by the quota, then switched off by an operator: the operator's decision wins
        jdbc.update("UPDATE chatbots SET is_active = false, disabled_reason = 'operator' WHERE id = ?", monthEnd.chatbotId());

        camel.requestBody("direct:billing-period-rollover", LocalDate.of(2032, 2, 28));
        assertThat(periodOf(monthEnd)).as("the day before its end").containsEntry("billing_period_start", java.sql.Date.valueOf(start));
        assertThat(periodOf(late)).as("months overdue: straight to the period containing today")
                .containsEntry("billing_period_start", java.sql.Date.valueOf(LocalDate.of(2032, 2, 10)))
                .containsEntry("billing_period_end", java.sql.Date.valueOf(LocalDate.of(2032, 3, 10)));
        assertThat(resets(late)).isEqualTo(1);

        camel.requestBody("direct:billing-period-rollover", LocalDate.of(2032, 2, 29));
        assertThat(periodOf(monthEnd)).containsEntry("billing_period_start", java.sql.Date.valueOf(LocalDate.of(2032, 2, 29)))
                .containsEntry("billing_period_end", java.sql.Date.valueOf(LocalDate.of(2032, 3, 29)));
        assertThat(active(monthEnd.chatbotId())).as("an operator's switch-off survives the rollover").isFalse();
        assertThat(periodOf(midMonth)).containsEntry("billing_period_start", java.sql.Date.valueOf(LocalDate.of(2032, 2, 15)));

        for (LocalDate day = LocalDate.of(2032, 3, 1); !day.isAfter(LocalDate.of(2032, 3, 15)); day = day.plusDays(1)) {
            camel.requestBody("direct:billing-period-rollover", day);
        }
        assertThat(periodOf(midMonth)).containsEntry("billing_period_start", java.sql.Date.valueOf(LocalDate.of(2032, 3, 15)));
        assertThat(resets(midMonth)).as("once, on its day").isEqualTo(1);
        assertThat(resets(monthEnd)).isEqualTo(1);
        assertThat(periodOf(late)).as("and again on its new end day")
                .containsEntry("billing_period_start", java.sql.Date.valueOf(LocalDate.of(2032, 3, 10)));
        assertThat(resets(late)).isEqualTo(2);
    }

    /** The scheduled run (no day given) rolls over as of the application's clock, here moved by the test. */
    @Test
    void theScheduledRunRollsOverAsOfTheClock() {
        LocalDate day = LocalDate.of(2033, 6, 30);
        Tenant dueToday = tenants.create("Due on the 30th " + UUID.randomUUID());
        Tenant dueTomorrow = tenants.create("Due on the 1st " + UUID.randomUUID());
        period(dueToday, LocalDate.of(2033, 5, 30), day);
        period(dueTomorrow, LocalDate.of(2033, 6, 1), day.plusDays(1));
        try {
            clock.setDay(day);
            camel.requestBody("direct:billing-period-rollover", (Object) null);
            assertThat(periodOf(dueToday)).containsEntry("billing_period_start", java.sql.Date.valueOf(day));
            assertThat(periodOf(dueTomorrow)).as("not due yet").containsEntry("billing_period_end", java.sql.Date.valueOf(day.plusDays(1)));

            clock.setDay(day.plusDays(1));
            camel.requestBody("direct:billing-period-rollover", (Object) null);
            assertThat(periodOf(dueTomorrow)).containsEntry("billing_period_start", java.sql.Date.valueOf(day.plusDays(1)))
                    .containsEntry("billing_period_end", java.sql.Date.valueOf(LocalDate.of(2033, 8, 1)));
            assertThat(resets(dueToday)).as("not again the next day").isEqualTo(1);
        } finally {
            clock.reset();
        }
    }

    private int resets(Tenant tenant) {
        return jdbc.queryForObject("SELECT count(*) FROM system_alerts WHERE organization_id = ? AND type = 'OTHER'",
                Integer.class, tenant.organizationId());
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
