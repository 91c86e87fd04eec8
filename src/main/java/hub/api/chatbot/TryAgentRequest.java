package hub.api.chatbot;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/chatbots/{id}/try}: a message typed in the console, after the trial's earlier turns (oldest first). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TryAgentRequest(@NotBlank @Size(max = 4096) String message,
                              @Schema(nullable = true) @Size(max = 50) List<@Valid TryTurn> history) {

    public TryAgentRequest {
        history = history == null ? List.of() : history;
    }
}
