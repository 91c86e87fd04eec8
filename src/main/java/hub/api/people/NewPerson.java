package hub.api.people;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A person just added, with {@code initial_password} to pass on to them: shown in this answer only, to be changed
 * at the first sign-in. {@code invitation_sent}: the person was e-mailed a link to choose their own password instead
 * (good for 7 days).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewPerson(String initialPassword, boolean invitationSent, UUID id, String email, @Schema(nullable = true) String fullName,
                        @Schema(allowableValues = {"owner", "agent"}) String role, boolean isActive,
                        boolean mustChangePassword, @Schema(nullable = true) OffsetDateTime lastLoginAt,
                        OffsetDateTime createdAt) {
}
