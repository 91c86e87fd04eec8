package hub.api.people;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A new initial password for a person, shown in this answer only; the person must change it at the next sign-in. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InitialPassword(String initialPassword) {
}
