package hub.knowledge.store;

import java.util.Objects;
import java.util.UUID;

/**
 * A knowledge source as the caller may see it: the authenticated organisation, the chatbot of the
 * request and the source id. Every statement is filtered by all three, so another organisation's
 * (or chatbot's) source is simply not found.
 */
public record SourceRef(UUID organizationId, UUID chatbotId, UUID sourceId) {

    public SourceRef {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(sourceId, "sourceId");
    }
}
