package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/people}: a new person of the organisation, as owner or agent. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatePersonRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @Schema(nullable = true) @Size(min = 1, max = 200) String fullName,
        @Schema(allowableValues = {"owner", "agent"})
        @NotNull @Pattern(regexp = ROLE, message = ROLE_RULE) String role) {

    public static final String ROLE = "owner|agent";
    public static final String ROLE_RULE = "must be owner or agent";
}
