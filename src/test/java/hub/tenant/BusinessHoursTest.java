package hub.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    // Mon-Fri 09:00-18:00 and Saturday morning in Mexico City (UTC-6)
    final BusinessHours hours = BusinessHours.of(Map.of("mon", "09:00-18:00", "tue", "09:00-18:00", "wed", "09:00-18:00",
            "thu", "09:00-18:00", "fri", "09:00-18:00", "sat", "10:00-14:00"), "America/Mexico_City");

    @Test
    void withinHoursSomeoneAnswersNow() {
        // Monday 2026-12-07 12:00 in Mexico City
        assertThat(hours.nextOpening(Instant.parse("2026-12-07T18:00:00Z"))).isEmpty();
        assertThat(hours.handoffText(Instant.parse("2026-12-07T18:00:00Z"), "ya", "el {date} a las {time}")).isEqualTo("ya");
    }

    @Test
    void beforeOpeningItIsTodayAndAfterClosingTheNextOpenDay() {
        // Monday 07:30 local → Monday 09:00
        assertThat(hours.handoffText(Instant.parse("2026-12-07T13:30:00Z"), "ya", "el {date} a las {time} ({time_zone})"))
                .isEqualTo("el 2026-12-07 a las 09:00 (America/Mexico_City)");
        // Saturday 15:00 local → Monday 09:00 (Sunday is closed)
        assertThat(hours.nextOpening(Instant.parse("2026-12-12T21:00:00Z")).orElseThrow().toString())
                .isEqualTo("2026-12-14T09:00-06:00[America/Mexico_City]");
        // Friday 18:00 local is closed already → Saturday 10:00
        assertThat(hours.nextOpening(Instant.parse("2026-12-12T00:00:00Z")).orElseThrow().toLocalDateTime().toString())
                .isEqualTo("2026-12-12T10:00");
    }

    @Test
    void noHoursMeansAlwaysOpenAndBadHoursSayWhatIsWrong() {
        assertThat(BusinessHours.of(null, "UTC").nextOpening(Instant.now())).isEmpty();
        assertThatThrownBy(() -> BusinessHours.of(Map.of("lunes", "09:00-18:00"), "UTC")).hasMessageContaining("unknown day 'lunes'");
        assertThatThrownBy(() -> BusinessHours.of(Map.of("mon", "18:00-09:00"), "UTC")).hasMessageContaining("before the closing");
        assertThatThrownBy(() -> BusinessHours.of(Map.of("mon", "9-18"), "UTC")).hasMessageContaining("\"09:00-18:00\"");
        assertThatThrownBy(() -> BusinessHours.of(Map.of(), "UTC")).hasMessageContaining("at least one day");
        assertThatThrownBy(() -> BusinessHours.zone("Mars/Olympus")).hasMessageContaining("not a time zone");
    }
}
