package hub.tenant;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * "Today" for the billing-period rollover ({@code billing-period-rollover} in maintenance.yaml), from the
 * application's {@link Clock} when one is defined (tests move it day by day), else the system clock in
 * the JVM's time zone.
 */
@Component("billingCalendar")
public class BillingCalendar {

    private final Clock clock;

    public BillingCalendar(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfUnique(Clock::systemDefaultZone);
    }

    /** Today as {@code yyyy-MM-dd}. */
    public String today() {
        return LocalDate.now(clock).toString();
    }
}
