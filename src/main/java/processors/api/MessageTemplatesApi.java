package processors.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import hub.api.contact.AgentMessageSent;
import hub.api.template.MessageTemplate;
import hub.api.template.MessageTemplateList;
import hub.api.template.SendTemplateRequest;
import hub.security.SecretCipher;
import hub.tenant.ChatbotRepository;
import hub.tenant.ContactRepository;
import hub.web.ApiError;
import hub.web.RequestBodies;
import hub.whatsapp.graph.GraphApiClient;
import hub.whatsapp.graph.GraphApiException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Approved message templates, the only messages WhatsApp delivers more than 24 hours after the customer's last one:
 * {@code GET /api/chatbots/{id}/templates} lists the chatbot's WhatsApp Business Account's templates from the Graph
 * API; {@code POST /api/contacts/{id}/templates} sends one to a contact as a human agent (inside or outside the
 * window), stored as role {@code agent} with its wamid like any agent message. Meta's refusals become clear API
 * errors (a template that does not exist: 422 {@code template_not_found}).
 */
@Component
public record MessageTemplatesApi(ChatbotRepository chatbots, ContactRepository contacts, GraphApiClient graph,
                                  SecretCipher cipher, RequestBodies bodies) {

    private static final Logger log = LoggerFactory.getLogger(MessageTemplatesApi.class);
    private static final int MAX_TEMPLATES = 500;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d+)\\s*}}");

    /** {@code GET /api/chatbots/{chatbotId}/templates}. */
    public void list(Exchange exchange) {
        UUID chatbotId = ApiParams.id(exchange, "chatbotId", "Chatbot");
        var access = chatbots.graphAccess(ApiParams.organization(exchange), chatbotId)
                .orElseThrow(() -> ApiError.notFound("Chatbot not found"));
        if (access.businessAccountId() == null || access.businessAccountId().isBlank()) {
            throw ApiError.conflict("no_business_account", "The chatbot has no WhatsApp Business Account id: set "
                    + "whatsapp_business_account_id with PATCH /api/chatbots/" + chatbotId);
        }
        requireToken(access.storedAccessToken(), chatbotId);
        List<JsonNode> templates;
        try {
            templates = graph.messageTemplates(access.businessAccountId(), cipher.decrypt(access.storedAccessToken()), MAX_TEMPLATES);
        } catch (GraphApiException e) {
            log.warn("Message templates of chatbot {} not listed: {}", chatbotId, e.getMessage());
            throw new ApiError(502, "graph_api_error", "WhatsApp did not list the templates"
                    + (e.errorCode() == null ? "" : " (error " + e.errorCode() + ")"));
        }
        exchange.getMessage().setBody(new MessageTemplateList(templates.stream().map(MessageTemplatesApi::template).toList()));
    }

    /** {@code POST /api/contacts/{contactId}/templates}: 201. */
    public void send(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID contactId = ContactsApi.id(exchange);
        SendTemplateRequest body = bodies.read(exchange, SendTemplateRequest.class);
        List<String> parameters = body.parameters() == null ? List.of() : body.parameters();
        var target = contacts.sendTarget(organization, contactId).orElseThrow(ContactsApi::notFound);
        requireToken(target.storedAccessToken(), target.chatbotId());
        List<String> wamids;
        try {
            wamids = graph.sendTemplate(target.phoneNumberId(), cipher.decrypt(target.storedAccessToken()), target.phone(),
                    body.name(), body.language(), parameters).wamids();
        } catch (GraphApiException e) {
            log.warn("Template on WhatsApp number {} not delivered: {}", target.phoneNumberId(), e.getMessage());
            throw refused(e, body);
        }
        Map<String, Object> metadata = new LinkedHashMap<>(SendAgentMessage.metadata(exchange));
        metadata.put("template", Map.of("name", body.name(), "language", body.language(), "parameters", parameters));
        List<Long> ids = contacts.saveAgentMessage(organization, target, "template", List.of(text(body.name(),
                body.language(), parameters)), wamids, metadata, TenantScope.userId(exchange));
        ApiParams.created(exchange, new AgentMessageSent(contactId, ids, wamids, "agent", "sent"));
    }

    /** The template as history shows it: its name and language, then the parameters. */
    private static String text(String name, String language, List<String> parameters) {
        return "[template " + name + " (" + language + ")]" + (parameters.isEmpty() ? "" : " " + String.join(" · ", parameters));
    }

    private static MessageTemplate template(JsonNode t) {
        String body = null;
        for (JsonNode component : t.path("components")) {
            if ("BODY".equalsIgnoreCase(component.path("type").asText())) {
                body = component.path("text").asText(null);
            }
        }
        int parameters = 0;
        if (body != null) {
            Matcher m = PLACEHOLDER.matcher(body);
            while (m.find()) {
                parameters = Math.max(parameters, Integer.parseInt(m.group(1)));
            }
        }
        return new MessageTemplate(t.path("name").asText(), t.path("language").asText(), t.path("status").asText(),
                t.path("category").asText(null), body, parameters);
    }

    private void requireToken(String storedAccessToken, UUID chatbotId) {
        if (!graph.sandbox() && (storedAccessToken == null || storedAccessToken.isBlank())) {
            throw ApiError.conflict("no_access_token", "The chatbot has no WhatsApp access token: set "
                    + "whatsapp_access_token with PATCH /api/chatbots/" + chatbotId);
        }
    }

    /** Meta's refusal of a template send as the API's error; Meta's code is in the message. */
    private static ApiError refused(GraphApiException e, SendTemplateRequest body) {
        Integer code = e.errorCode();
        String meta = code == null ? "" : " (WhatsApp error " + code + ")";
        String template = "Template '" + body.name() + "' in language '" + body.language() + "'";
        if (code == null) {
            return new ApiError(502, "delivery_failed", "WhatsApp did not accept the template");
        }
        return switch (code) {
            case 132001 -> ApiError.unprocessable("template_not_found", template + " does not exist or is not approved" + meta);
            case 132000 -> ApiError.unprocessable("template_parameters_mismatch",
                    "The number of parameters does not match the template's placeholders" + meta);
            case 132005, 132007, 132012, 132018 -> ApiError.unprocessable("template_parameters_invalid",
                    "WhatsApp refused the template's parameters" + meta + (e.errorTitle() == null ? "" : ": " + e.errorTitle()));
            case 132015, 132016 -> ApiError.unprocessable("template_unavailable", template + " is paused or disabled" + meta);
            default -> new ApiError(502, "delivery_failed", "WhatsApp did not accept the template" + meta);
        };
    }
}
