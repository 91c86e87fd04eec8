package hub.whatsapp.graph;

/**
 * Where sandbox mode ({@code hub.whatsapp.graph-base-url=sandbox}) records the Graph API requests
 * it does not send.
 */
public interface SandboxOutbox {

    /**
     * Records one outbound message.
     *
     * @param phoneNumberId the sending WhatsApp phone number id
     * @param recipient     the recipient as sent: {@code to} (digits only) or {@code recipient} (a business-scoped user id)
     * @param wamid         the wamid generated for it
     * @param payloadJson   the request body that would have been POSTed
     */
    void record(String phoneNumberId, String recipient, String wamid, String payloadJson);
}
