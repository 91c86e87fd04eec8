package hub.conversation;

import java.util.List;

import hub.security.SecretCipher;
import hub.whatsapp.graph.GraphApiClient;
import hub.whatsapp.graph.GraphApiException;
import org.springframework.stereotype.Component;

/** Sends a reply (text or interactive) through the Graph API with its key as {@code biz_opaque_callback_data}. */
@Component
public record ReplySender(GraphApiClient graph, SecretCipher cipher) {

    /**
     * @param storedAccessToken the chatbot's access token as stored (encrypted)
     * @return the outbound wamids, one per part
     * @throws GraphApiException when the reply could not be sent
     */
    public List<String> send(PendingReply reply, String storedAccessToken) {
        String token = cipher.decrypt(storedAccessToken);
        return (reply.interactive() != null
                ? graph.sendInteractive(reply.phoneNumberId(), token, reply.to(), reply.interactive(), reply.replyToWamid(),
                        reply.callbackData())
                : graph.sendText(reply.phoneNumberId(), token, reply.to(), reply.text(), reply.replyToWamid(),
                        reply.callbackData())).wamids();
    }
}
