package hub.api.knowledge;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A source deleted with its chunks and stored original; its quota is given back. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SourceDeleted(UUID sourceId, boolean deleted) {
}
