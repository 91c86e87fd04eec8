package hub.api.people;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A person of the organisation who signs in to the console. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Person(UUID id, String email, @Schema(nullable = true) String fullName,
                     @Schema(allowableValues = {"owner", "agent"}) String role, boolean isActive,
                     @Schema(description = "Signed in with an initial password that must be changed first")
                     boolean mustChangePassword,
                     @Schema(nullable = true) OffsetDateTime lastLoginAt, OffsetDateTime createdAt) {
}
