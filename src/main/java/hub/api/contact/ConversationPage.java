package hub.api.contact;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A page of a conversation, newest first; {@code next_before} asks for the page before it (null: the first message is here). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConversationPage(List<ConversationMessage> items, @Schema(nullable = true) Long nextBefore) {
}
