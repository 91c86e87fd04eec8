package hub.api.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /console/email-confirmation}: the secret after the {@code #} of the link the hub e-mailed. */
public record ConfirmEmailRequest(@NotBlank @Size(max = 100) String token) {
}
