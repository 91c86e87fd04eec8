package hub.api.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Knowledge storage: exact bytes, and MiB rounded to two decimals. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeStorageUsage(long currentBytes, double currentMb, long maxMb, double remainingMb) {
}
