package processors.api;

import static hub.api.Fields.changed;
import static hub.api.Fields.clearable;

import java.util.UUID;

import hub.api.Rows;
import hub.api.chatbot.AssignNumberRequest;
import hub.api.chatbot.Chatbot;
import hub.api.chatbot.ChatbotList;
import hub.api.chatbot.CreateChatbotRequest;
import hub.api.chatbot.UpdateChatbotRequest;
import hub.conversation.HubTexts;
import hub.security.SecretCipher;
import hub.tenant.BusinessHours;
import hub.tenant.ChatbotRepository;
import hub.tenant.ChatbotRepository.ChatbotFields;
import hub.web.ApiError;
import hub.web.RequestBodies;
import hub.whatsapp.graph.GraphApiClient;
import hub.whatsapp.graph.GraphApiClient.NumberControl;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The tenant's chatbots: create, read, update, deactivate. The WhatsApp access token is accepted on
 * write, encrypted before it reaches the database ({@link SecretCipher}) and never returned: a chatbot
 * shows {@code has_access_token} instead. A WhatsApp phone number id routes inbound messages, so it can
 * belong to one chatbot only (409 {@code phone_number_id_taken}), and a tenant can set it only together with
 * an access token that Meta confirms controls it (422 {@code phone_number_not_verified}); the check comes
 * first, so a refused tenant learns nothing about who else uses the number.
 */
@Component
public record ChatbotsApi(ChatbotRepository chatbots, SecretCipher cipher, RequestBodies bodies, GraphApiClient graph) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public void list(Exchange exchange) {
        exchange.getMessage().setBody(new ChatbotList(Rows.as(chatbots.list(ApiParams.organization(exchange)), Chatbot.class)));
    }

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(find(ApiParams.organization(exchange), id(exchange)));
    }

    /** {@code POST /api/chatbots}: 201. */
    public void create(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        CreateChatbotRequest body = bodies.read(exchange, CreateChatbotRequest.class);
        ChatbotFields fields = new ChatbotFields(body.name(), body.description(), body.whatsappPhoneNumberId(),
                body.whatsappBusinessAccountId(), body.whatsappDisplayPhoneNumber(), cipher.encrypt(body.whatsappAccessToken()),
                body.modelName(), body.systemPrompt(), body.persona(), body.temperature(), body.ragEnabled(),
                body.fallbackMessageError(), body.fallbackMessageLimit(), body.unsupportedMessage(),
                body.pleaseWriteMessage(), body.language(), null, handoff(body.handoffMessage(), body.handoffMessageClosed(),
                        body.businessHours() != null, body.businessHours(), body.timeZone()))
                .withTexts(HubTexts.of(body.language()));
        requireControl(body.whatsappPhoneNumberId(), body.whatsappAccessToken());
        try {
            ApiParams.created(exchange, find(organization, chatbots.create(organization, fields)));
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken();
        }
    }

    /** {@code PATCH /api/chatbots/{id}}. */
    public void update(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        UpdateChatbotRequest body = bodies.read(exchange, UpdateChatbotRequest.class);
        String number = changed(body.whatsappPhoneNumberId(), "whatsapp_phone_number_id");
        String token = changed(body.whatsappAccessToken(), "whatsapp_access_token");
        ChatbotFields fields = new ChatbotFields(changed(body.name(), "name"), clearable(body.description()), number,
                changed(body.whatsappBusinessAccountId(), "whatsapp_business_account_id"),
                changed(body.whatsappDisplayPhoneNumber(), "whatsapp_display_phone_number"),
                token == null ? null : cipher.encrypt(token), changed(body.modelName(), "model_name"),
                changed(body.systemPrompt(), "system_prompt"), clearable(body.persona()),
                changed(body.temperature(), "temperature"), changed(body.ragEnabled(), "rag_enabled"),
                changed(body.fallbackMessageError(), "fallback_message_error"),
                changed(body.fallbackMessageLimit(), "fallback_message_limit"),
                changed(body.unsupportedMessage(), "unsupported_message"),
                changed(body.pleaseWriteMessage(), "please_write_message"), changed(body.language(), "language"),
                changed(body.isActive(), "is_active"),
                handoff(changed(body.handoffMessage(), "handoff_message"),
                        changed(body.handoffMessageClosed(), "handoff_message_closed"), body.businessHours() != null,
                        body.businessHours() == null ? null : body.businessHours().orElse(null),
                        changed(body.timeZone(), "time_zone")));
        if (fields.equals(ChatbotFields.NONE)) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send at least one field");
        }
        if (fields.language() != null) {
            fields = fields.withTexts(textsToReplace(find(organization, id), HubTexts.of(fields.language())));
        }
        if (number != null || token != null) {
            String current = find(organization, id).whatsappPhoneNumberId();
            if (number != null && !number.equals(current) || token != null) {
                requireControl(number == null ? current : number, tokenToProve(token));
            }
        }
        try {
            if (!chatbots.update(organization, id, fields)) {
                throw notFound();
            }
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken();
        }
        exchange.getMessage().setBody(find(organization, id));
    }

    /**
     * {@code PUT /api/admin/chatbots/{id}/whatsapp-number}: the operator assigns a number (and optionally its
     * token) to any organisation's chatbot, without the Graph API check a tenant goes through.
     */
    public void assignNumber(Exchange exchange) {
        UUID id = id(exchange);
        AssignNumberRequest body = bodies.read(exchange, AssignNumberRequest.class);
        String token = body.whatsappAccessToken();
        try {
            if (!chatbots.assignNumber(id, body.whatsappPhoneNumberId(), token == null ? null : cipher.encrypt(token),
                    body.whatsappBusinessAccountId(), body.whatsappDisplayPhoneNumber())) {
                throw notFound();
            }
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken();
        }
        exchange.getMessage().setBody(Rows.as(chatbots.findAny(id).orElseThrow(ChatbotsApi::notFound), Chatbot.class));
    }

    /** {@code DELETE /api/chatbots/{id}}: deactivates; the chatbot stops answering, its data stays. */
    public void deactivate(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        if (!chatbots.deactivate(organization, id)) {
            throw notFound();
        }
        exchange.getMessage().setBody(find(organization, id));
    }

    /** The handoff settings, with the business hours and time zone checked (400 invalid_field saying what is wrong). */
    private static ChatbotRepository.Handoff handoff(String message, String messageClosed, boolean setHours,
                                                     java.util.Map<String, String> hours, String timeZone) {
        try {
            BusinessHours.zone(timeZone);
        } catch (IllegalArgumentException e) {
            throw RequestBodies.invalid("time_zone", e.getMessage());
        }
        try {
            BusinessHours.of(hours, timeZone);
        } catch (IllegalArgumentException e) {
            throw RequestBodies.invalid("business_hours", e.getMessage());
        }
        String hoursJson;
        try {
            hoursJson = hours == null ? null : JSON.writeValueAsString(BusinessHours.normalized(hours));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ChatbotRepository.Handoff(message, messageClosed, setHours, hoursJson, timeZone);
    }

    private Chatbot find(UUID organization, UUID id) {
        return Rows.as(chatbots.find(organization, id).orElseThrow(ChatbotsApi::notFound), Chatbot.class);
    }

    /**
     * For a change of language: the new language's default texts where the chatbot still has the previous
     * language's defaults, the chatbot's own texts elsewhere (so they are kept).
     */
    private static HubTexts textsToReplace(Chatbot current, HubTexts texts) {
        HubTexts previous = HubTexts.of(current.language());
        return texts.withOwnTexts(keep(current.fallbackMessageError(), previous.fallbackError(), texts.fallbackError()),
                keep(current.fallbackMessageLimit(), previous.fallbackLimit(), texts.fallbackLimit()),
                keep(current.unsupportedMessage(), previous.unsupported(), texts.unsupported()));
    }

    private static String keep(String current, String previousDefault, String newDefault) {
        return current.equals(previousDefault) ? newDefault : current;
    }

    /** The access token that must come with a new phone number id or replace the current one. */
    private static String tokenToProve(String token) {
        if (token == null) {
            throw ApiError.badRequest("missing_field",
                    "'whatsapp_access_token' is required with 'whatsapp_phone_number_id': the hub checks with Meta that it controls the number");
        }
        return token;
    }

    private void requireControl(String phoneNumberId, String accessToken) {
        NumberControl control = graph.checkNumberControl(phoneNumberId, accessToken);
        if (control == NumberControl.UNVERIFIABLE) {
            throw new ApiError(502, "graph_api_unavailable",
                    "Meta's Graph API could not be reached to verify the WhatsApp number; try again later");
        }
        if (control != NumberControl.CONTROLLED) {
            throw ApiError.unprocessable("phone_number_not_verified",
                    "Meta does not confirm that this access token controls WhatsApp phone number id " + phoneNumberId);
        }
    }

    private static UUID id(Exchange exchange) {
        return ApiParams.id(exchange, "chatbotId", "Chatbot");
    }

    private static ApiError notFound() {
        return ApiError.notFound("Chatbot not found");
    }

    private static ApiError phoneNumberTaken() {
        return ApiError.conflict("phone_number_id_taken", "Another chatbot already uses this WhatsApp phone number id");
    }
}
