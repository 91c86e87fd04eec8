package hub.api.organization;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A confirmation link went to {@code sent_to}: e-mail notices go there once someone opens it (within 7 days). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmailConfirmationSent(@Schema(description = "the address the link was sent to") String sentTo) {
}
