package processors.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import hub.api.contact.AgentMessageRequest;
import hub.api.contact.AgentMessageSent;
import hub.security.Caller;
import hub.security.SecretCipher;
import hub.tenant.ContactRepository;
import hub.web.ApiError;
import hub.web.RequestBodies;
import hub.whatsapp.graph.GraphApiClient;
import hub.whatsapp.graph.GraphApiException;
import hub.whatsapp.graph.TextSplitter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/contacts/{id}/messages {"text": ...}}: a human agent's message to the customer,
 * sent through the Graph API with the chatbot's number and stored as role {@code agent} with its wamid
 * (delivery statuses then follow it like any reply) and the person who sent it when the caller is a console session. WhatsApp allows free-form messages only within 24
 * hours of the customer's last message: outside that window the message is refused before anything is
 * sent (422 {@code outside_service_window}); Meta's own refusal (error 131047) answers the same.
 */
@Component
public record SendAgentMessage(ContactRepository contacts, GraphApiClient graph, SecretCipher cipher,
                               RequestBodies bodies) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(SendAgentMessage.class);
    private static final int RE_ENGAGEMENT_REQUIRED = 131047;

    @Override
    public void process(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID contactId = ContactsApi.id(exchange);
        String text = bodies.read(exchange, AgentMessageRequest.class).text();
        var target = contacts.sendTarget(organization, contactId).orElseThrow(ContactsApi::notFound);
        if (!target.inWindow()) {
            throw outsideWindow(target.lastInboundAt() == null ? "the customer has never written"
                    : "the customer last wrote at " + target.lastInboundAt());
        }
        if (!graph.sandbox() && (target.storedAccessToken() == null || target.storedAccessToken().isBlank())) {
            throw ApiError.conflict("no_access_token", "The contact's chatbot has no WhatsApp access token: set "
                    + "whatsapp_access_token with PATCH /api/chatbots/" + target.chatbotId());
        }
        List<String> wamids;
        try {
            wamids = graph.sendText(target.phoneNumberId(), cipher.decrypt(target.storedAccessToken()), target.phone(),
                    text, null).wamids();
        } catch (GraphApiException e) {
            if (e.errorCode() != null && e.errorCode() == RE_ENGAGEMENT_REQUIRED) {
                throw outsideWindow("WhatsApp refused the message (error 131047)");
            }
            if (!e.deliveredWamids().isEmpty()) {
                // some parts went out: record those, then report the failure
                contacts.saveAgentMessage(organization, target, TextSplitter.split(text), e.deliveredWamids(), metadata(exchange),
                        TenantScope.userId(exchange));
            }
            log.warn("Agent message on WhatsApp number {} not delivered: {}", target.phoneNumberId(), e.getMessage());
            throw new ApiError(502, "delivery_failed", "WhatsApp did not accept the message"
                    + (e.errorCode() == null ? "" : " (error " + e.errorCode() + ")"));
        }
        List<Long> ids = contacts.saveAgentMessage(organization, target, TextSplitter.split(text), wamids, metadata(exchange),
                TenantScope.userId(exchange));
        ApiParams.created(exchange, new AgentMessageSent(contactId, ids, wamids, "agent", "sent"));
    }

    /** How an agent message was sent: through the API, with the API key when the caller used one. */
    static Map<String, Object> metadata(Exchange exchange) {
        Caller caller = TenantScope.caller(exchange);
        return caller == null || caller.apiKeyId() == null ? Map.of("sent_via", "api")
                : Map.of("sent_via", "api", "api_key_id", caller.apiKeyId().toString());
    }

    private static ApiError outsideWindow(String why) {
        return ApiError.unprocessable("outside_service_window", "WhatsApp allows free-form messages only within 24 hours "
                + "of the customer's last message (" + why + "); a template message is needed to re-open the conversation");
    }
}
