package hub.api.people;

import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/people/{userId}}: fields left out stay as they are; none can be null. The organisation's last
 * active owner cannot be demoted or deactivated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdatePersonRequest(
        Optional<@Size(min = 1, max = 200) String> fullName,
        @Schema(allowableValues = {"owner", "agent"})
        Optional<@Pattern(regexp = CreatePersonRequest.ROLE, message = CreatePersonRequest.ROLE_RULE) String> role,
        Optional<Boolean> isActive) {
}
