package hub.api.conversation;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** A page of the inbox, most recent first; {@code next_before} asks for the next page (null: this is the last). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConversationList(List<Conversation> conversations, @Schema(nullable = true) String nextBefore) {
}
