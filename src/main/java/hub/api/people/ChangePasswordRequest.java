package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /console/password}: the signed-in person's current password and the new one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChangePasswordRequest(@NotNull @Size(max = 1000) String currentPassword,
                                    @NotNull @Size(max = 1000) String newPassword) {
}
