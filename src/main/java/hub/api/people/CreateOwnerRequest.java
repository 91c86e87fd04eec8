package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/admin/organizations/{id}/owners}: an owner for the organisation, typically its first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateOwnerRequest(@NotBlank @Email @Size(max = 320) String email,
                                 @Schema(nullable = true) @Size(min = 1, max = 200) String fullName) {
}
