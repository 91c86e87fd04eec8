package hub.api.usage;

import java.time.LocalDate;
import java.util.List;

/** Usage per day from {@code from} to {@code to} (both included), days without usage left out. */
public record DailyUsagePage(LocalDate from, LocalDate to, List<DailyUsage> items) {
}
