package hub.api.contact;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A human agent's message as sent: one stored message and one wamid per part (a long text goes out in
 * several), role {@code agent}, delivery status {@code sent} until Meta reports more.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentMessageSent(UUID contactId, List<Long> messageIds, List<String> whatsappMessageIds,
                               @Schema(allowableValues = "agent") String role,
                               @Schema(allowableValues = "sent") String deliveryStatus) {
}
