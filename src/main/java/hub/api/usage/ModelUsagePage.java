package hub.api.usage;

import java.time.LocalDate;
import java.util.List;

/** Usage per provider and model from {@code from} to {@code to} (both included), the most expensive first. */
public record ModelUsagePage(LocalDate from, LocalDate to, List<ModelUsage> items) {
}
