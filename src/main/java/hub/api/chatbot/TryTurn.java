package hub.api.chatbot;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An earlier turn of a trial conversation: what the person typed ({@code user}) or what the agent answered. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TryTurn(@NotNull @Pattern(regexp = "user|assistant") @Schema(allowableValues = {"user", "assistant"}) String role,
                      @NotBlank @Size(max = 4096) String text) {
}
