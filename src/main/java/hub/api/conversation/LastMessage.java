package hub.api.conversation;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** The newest message of a conversation; {@code sent_by} when a person sent it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LastMessage(@Schema(allowableValues = {"inbound", "outbound"}) String direction, String text,
                          OffsetDateTime at, @Schema(nullable = true) SentBy sentBy) {
}
