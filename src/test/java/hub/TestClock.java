package hub;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The application's clock in integration tests: the system clock until a test sets a day. */
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void setDay(LocalDate day) {
        fixed = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant day = fixed;
        return day != null ? day : Instant.now();
    }
}
