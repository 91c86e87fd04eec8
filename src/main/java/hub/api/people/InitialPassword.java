package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A new initial password for a person, shown in this answer only; the person must change it at the next sign-in.
 * {@code link_sent}: the person was e-mailed a link to choose their own instead (good for 7 days).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InitialPassword(String initialPassword, boolean linkSent) {
}
