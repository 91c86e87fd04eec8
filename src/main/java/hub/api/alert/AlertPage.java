package hub.api.alert;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A page of alerts, newest first; {@code next_before} asks for the older ones (null: none left). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertPage(List<Alert> items, @Schema(nullable = true) Long nextBefore) {
}
