package hub.api.knowledge;

import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.valueextraction.Unwrapping;

/**
 * {@code PUT /api/chatbots/{id}/knowledge/sources/{sourceId}/schedule}: fetch a URL source again every
 * {@code resync_interval_hours}; the field is required, and null switches the schedule off.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduleResyncRequest(
        @Schema(nullable = true, requiredMode = Schema.RequiredMode.REQUIRED, description = "1 to 8760; null: never")
        @NotNull(payload = Unwrapping.Skip.class) Optional<@Min(1) @Max(24 * 365) Integer> resyncIntervalHours) {
}
