package processors.api;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.security.SecretCipher;
import hub.tenant.ChatbotRepository;
import hub.tenant.ChatbotRepository.ChatbotFields;
import hub.web.ApiError;
import hub.web.JsonRequest;
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
public class ChatbotsApi {

    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> FIELDS = Set.of("name", "description", "whatsapp_phone_number_id",
            "whatsapp_business_account_id", "whatsapp_display_phone_number", "whatsapp_access_token", "model_name",
            "system_prompt", "persona", "temperature", "rag_enabled", "fallback_message_error", "fallback_message_limit",
            "unsupported_message", "is_active");

    private static final Set<String> NUMBER_FIELDS = Set.of("whatsapp_phone_number_id", "whatsapp_access_token",
            "whatsapp_business_account_id", "whatsapp_display_phone_number");

    private final ChatbotRepository chatbots;
    private final SecretCipher cipher;
    private final ObjectMapper mapper;
    private final GraphApiClient graph;

    public ChatbotsApi(ChatbotRepository chatbots, SecretCipher cipher, ObjectMapper mapper, GraphApiClient graph) {
        this.chatbots = chatbots;
        this.cipher = cipher;
        this.mapper = mapper;
        this.graph = graph;
    }

    public void list(Exchange exchange) {
        exchange.getMessage().setBody(Map.of("items", chatbots.list(ApiParams.organization(exchange))));
    }

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(chatbots.find(ApiParams.organization(exchange), id(exchange))
                .orElseThrow(ChatbotsApi::notFound));
    }

    /** {@code POST /api/chatbots}: 201; needs a name and the WhatsApp phone number id. */
    public void create(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        JsonRequest body = JsonRequest.of(exchange, mapper, FIELDS);
        body.requiredText("name", 200);
        body.requiredText("whatsapp_phone_number_id", 64);
        if (body.has("is_active")) {
            throw ApiError.badRequest("invalid_field", "'is_active' cannot be set at creation: a chatbot starts active");
        }
        ChatbotFields fields = fields(body);
        requireControl(fields.phoneNumberId(), tokenToProve(body));
        try {
            UUID id = chatbots.create(organization, fields);
            ApiParams.created(exchange, chatbots.find(organization, id).orElseThrow());
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken();
        }
    }

    /** {@code PATCH /api/chatbots/{id}}: fields left out stay as they are; {@code is_active} switches it on or off. */
    public void update(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        JsonRequest body = JsonRequest.of(exchange, mapper, FIELDS);
        if (body.isEmpty()) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send at least one field");
        }
        ChatbotFields fields = fields(body);
        if (fields.phoneNumberId() != null || fields.encryptedAccessToken() != null) {
            String current = (String) chatbots.find(organization, id).orElseThrow(ChatbotsApi::notFound)
                    .get("whatsapp_phone_number_id");
            String number = fields.phoneNumberId() == null ? current : fields.phoneNumberId();
            if (!number.equals(current) || fields.encryptedAccessToken() != null) {
                requireControl(number, tokenToProve(body));
            }
        }
        try {
            if (!chatbots.update(organization, id, fields)) {
                throw notFound();
            }
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken();
        }
        exchange.getMessage().setBody(chatbots.find(organization, id).orElseThrow(ChatbotsApi::notFound));
    }

    /**
     * {@code PUT /api/admin/chatbots/{id}/whatsapp-number}: the operator assigns a number (and optionally its
     * token) to any organisation's chatbot, without the Graph API check a tenant goes through.
     */
    public void assignNumber(Exchange exchange) {
        UUID id = id(exchange);
        JsonRequest body = JsonRequest.of(exchange, mapper, NUMBER_FIELDS);
        String number = body.requiredText("whatsapp_phone_number_id", 64);
        if (!PHONE_NUMBER_ID.matcher(number).matches()) {
            throw JsonRequest.invalid("whatsapp_phone_number_id", "must be Meta's phone number id (letters, digits, - and _)");
        }
        String token = body.text("whatsapp_access_token", 4096);
        try {
            if (!chatbots.assignNumber(id, number, token == null ? null : cipher.encrypt(token),
                    body.text("whatsapp_business_account_id", 64), body.text("whatsapp_display_phone_number", 32))) {
                throw notFound();
            }
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken();
        }
        exchange.getMessage().setBody(chatbots.findAny(id).orElseThrow(ChatbotsApi::notFound));
    }

    /** {@code DELETE /api/chatbots/{id}}: deactivates; the chatbot stops answering, its data stays. */
    public void deactivate(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        if (!chatbots.deactivate(organization, id)) {
            throw notFound();
        }
        exchange.getMessage().setBody(chatbots.find(organization, id).orElseThrow(ChatbotsApi::notFound));
    }

    /** The access token that must come with a new phone number id or replace the current one. */
    private static String tokenToProve(JsonRequest body) {
        String token = body.text("whatsapp_access_token", 4096);
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

    private ChatbotFields fields(JsonRequest body) {
        String token = body.text("whatsapp_access_token", 4096);
        return new ChatbotFields(body.text("name", 200), body.text("description", 2000),
                body.text("whatsapp_phone_number_id", 64, PHONE_NUMBER_ID, "must be Meta's phone number id (letters, digits, - and _)"),
                body.text("whatsapp_business_account_id", 64), body.text("whatsapp_display_phone_number", 32),
                token == null ? null : cipher.encrypt(token), body.text("model_name", 100),
                body.text("system_prompt", 20_000), persona(body), body.decimal("temperature", 0, 2),
                body.bool("rag_enabled"), body.text("fallback_message_error", 4096), body.text("fallback_message_limit", 4096),
                body.text("unsupported_message", 4096), body.bool("is_active"));
    }

    /** The persona may be cleared with an empty string. */
    private static String persona(JsonRequest body) {
        try {
            return body.text("persona", 5_000);
        } catch (ApiError e) {
            if (e.getMessage().contains("must not be empty")) {
                return "";
            }
            throw e;
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
