package hub.api.people;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /console/password-reset}: the sign-in address, and the console's language for the e-mail (es, en). */
public record ForgotPasswordRequest(@NotBlank @Email @Size(max = 320) String email, @Size(max = 10) String language) {
}
