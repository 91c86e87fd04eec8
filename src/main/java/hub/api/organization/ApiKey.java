package hub.api.organization;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** An organisation's API key, recognisable by its prefix; the key itself is shown only when created. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApiKey(UUID id, String name, String keyPrefix, @Schema(nullable = true) String createdBy, OffsetDateTime createdAt,
                     @Schema(nullable = true) OffsetDateTime lastUsedAt, @Schema(nullable = true) OffsetDateTime expiresAt,
                     @Schema(nullable = true) OffsetDateTime revokedAt, boolean active) {
}
