package hub.api.template;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A message template of the chatbot's WhatsApp Business Account as Meta lists it; only an {@code APPROVED} one
 * can be sent. {@code body} is the body text with its {{1}}, {{2}} ... placeholders, {@code parameter_count}
 * how many parameters a send needs.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageTemplate(String name, String language,
                              @Schema(description = "APPROVED, PENDING, REJECTED, PAUSED, DISABLED ...") String status,
                              @Schema(nullable = true, description = "MARKETING, UTILITY or AUTHENTICATION") String category,
                              @Schema(nullable = true) String body, int parameterCount) {
}
