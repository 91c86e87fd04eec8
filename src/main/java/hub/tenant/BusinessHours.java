package hub.tenant;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a person answers a chatbot's customers: one range a weekday ({@code {"mon":"09:00-18:00", ...}}, a day
 * left out is closed) in the chatbot's time zone. No hours at all means a person answers at any time.
 */
public final class BusinessHours {

    private static final Pattern RANGE = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    private record Range(LocalTime opens, LocalTime closes) {
    }

    private final Map<DayOfWeek, Range> days;
    private final ZoneId zone;

    private BusinessHours(Map<DayOfWeek, Range> days, ZoneId zone) {
        this.days = days;
        this.zone = zone;
    }

    /**
     * The hours as stored; null hours = always open.
     *
     * @throws IllegalArgumentException saying what is wrong (unknown day, a range that is not "HH:mm-HH:mm" with
     *                                  the opening first, an unknown time zone)
     */
    public static BusinessHours of(Map<String, ?> hours, String timeZone) {
        ZoneId zone = zone(timeZone);
        if (hours == null) {
            return new BusinessHours(Map.of(), zone);
        }
        Map<DayOfWeek, Range> days = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, range) -> {
            DayOfWeek weekday = DAYS.get(day.toLowerCase(Locale.ROOT));
            if (weekday == null) {
                throw new IllegalArgumentException("unknown day '" + day + "': use mon, tue, wed, thu, fri, sat, sun");
            }
            Matcher m = range instanceof String text ? RANGE.matcher(text.strip()) : null;
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException(day + ": '" + range + "' is not a range like \"09:00-18:00\"");
            }
            LocalTime opens = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            LocalTime closes = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException(day + ": the opening time must come before the closing time");
            }
            days.put(weekday, new Range(opens, closes));
        });
        if (days.isEmpty()) {
            throw new IllegalArgumentException("name at least one day; null means a person answers at any time");
        }
        return new BusinessHours(days, zone);
    }

    /** @throws IllegalArgumentException when the time zone is not an IANA zone id */
    public static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone == null ? "UTC" : timeZone.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + timeZone + "' is not a time zone (use an IANA id such as America/Mexico_City)");
        }
    }

    /** When a person answers next, in the chatbot's time zone; empty when someone answers now. */
    public Optional<ZonedDateTime> nextOpening(Instant now) {
        if (days.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        Range today = days.get(local.getDayOfWeek());
        LocalTime time = local.toLocalTime();
        if (today != null && !time.isBefore(today.opens()) && time.isBefore(today.closes())) {
            return Optional.empty();
        }
        if (today != null && time.isBefore(today.opens())) {
            return Optional.of(local.with(today.opens()).withSecond(0).withNano(0));
        }
        for (int ahead = 1; ahead <= 7; ahead++) {
            ZonedDateTime day = local.plusDays(ahead);
            Range range = days.get(day.getDayOfWeek());
            if (range != null) {
                return Optional.of(day.with(range.opens()).withSecond(0).withNano(0));
            }
        }
        return Optional.empty();
    }

    /**
     * What the customer is told: {@code openText} while someone answers, else {@code closedText} with {date}, {time}
     * and {time_zone} of the next opening.
     */
    public String handoffText(Instant now, String openText, String closedText) {
        return nextOpening(now).map(opening -> closedText
                        .replace("{date}", opening.format(DateTimeFormatter.ISO_LOCAL_DATE))
                        .replace("{time}", opening.format(DateTimeFormatter.ofPattern("HH:mm")))
                        .replace("{time_zone}", zone.getId()))
                .orElse(openText);
    }

    /** The hours as the API shows and stores them, days in week order. */
    public static Map<String, String> normalized(Map<String, String> hours) {
        if (hours == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String day : new String[] {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
            hours.forEach((k, v) -> {
                if (k.equalsIgnoreCase(day)) {
                    out.put(day, v.strip());
                }
            });
        }
        return out;
    }
}
