package hub.api.conversation;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** The person of the organisation who sent a message from the console (name: full name, else e-mail). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SentBy(UUID userId, @Schema(nullable = true) String name) {
}
