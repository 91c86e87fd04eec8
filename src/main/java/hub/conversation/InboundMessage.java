package hub.conversation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** A customer's message as the webhook put it on whatsapp.inbound. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundMessage(
        String wamid,
        String phoneNumberId,
        String from,
        String fromUserId,
        String profileName,
        Long timestamp,
        String type,
        String text,
        JsonNode attachment,
        JsonNode raw) {

    /** The sender's address: the phone number, or the business-scoped user id when Meta sends no number. */
    public String sender() {
        return from != null ? from : fromUserId;
    }
}
