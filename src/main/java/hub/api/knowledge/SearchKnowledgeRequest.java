package hub.api.knowledge;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/chatbots/{id}/knowledge/search}: a question and how many passages to return. */
public record SearchKnowledgeRequest(@NotBlank @Size(max = 4000) String query,
                                     @Schema(nullable = true, description = "Default 5") @Min(1) @Max(50) Integer limit) {
}
