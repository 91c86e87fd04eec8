package hub.api.knowledge;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A resync accepted (202); {@code queued: false}: the recovery sweep queues it within minutes. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResyncQueued(UUID sourceId, String status, boolean queued) {
}
