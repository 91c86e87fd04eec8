package hub.api.contact;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/contacts/{id}/messages}: a human agent's text to the customer. */
public record AgentMessageRequest(@NotBlank @Size(max = 20_000) String text) {
}
