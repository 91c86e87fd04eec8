package hub.api.alert;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.api.OptionalBody;
import jakarta.validation.constraints.Size;

/** {@code POST /api/alerts/{id}/acknowledge}: who acknowledges it ({@code api} when left out). The body is optional. */
@OptionalBody
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AcknowledgeAlertRequest(@Size(min = 1, max = 200) String acknowledgedBy) {
}
