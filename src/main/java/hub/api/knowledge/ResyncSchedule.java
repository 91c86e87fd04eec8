package hub.api.knowledge;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A URL source's re-sync schedule: every {@code resync_interval_hours}, next at {@code next_resync_at}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResyncSchedule(UUID id, boolean resyncEnabled, @Schema(nullable = true) Integer resyncIntervalHours,
                             @Schema(nullable = true) OffsetDateTime nextResyncAt,
                             @Schema(nullable = true) OffsetDateTime resyncRequestedAt) {
}
