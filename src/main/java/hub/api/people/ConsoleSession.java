package hub.api.people;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /console/session} and the answer to a sign-in: the token unsafe requests send as {@code X-CSRF-TOKEN},
 * and the signed-in person ({@code user} left out when signed out).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleSession(String csrfToken, SessionUser user) {
}
