package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /console/sign-in}: a person's e-mail address and password. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SignInRequest(@NotBlank @Size(max = 320) String email, @NotNull @Size(max = 1000) String password) {
}
