package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /console/password-reset/complete}: the secret after the {@code #} of the e-mailed link, and the new password. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResetPasswordRequest(@NotBlank @Size(max = 100) String token, @NotNull @Size(max = 1000) String newPassword) {
}
