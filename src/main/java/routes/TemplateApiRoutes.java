package routes;

import hub.api.contact.AgentMessageSent;
import hub.api.template.MessageTemplateList;
import hub.api.template.SendTemplateRequest;
import org.springframework.stereotype.Component;
import processors.api.MessageTemplatesApi;

/**
 * Message templates: the approved messages that reach a customer outside the 24-hour window. Listed from the
 * chatbot's WhatsApp Business Account, sent to a contact by a human agent.
 */
@Component
public class TemplateApiRoutes extends ApiRoutes {

    private final MessageTemplatesApi templates;

    public TemplateApiRoutes(MessageTemplatesApi templates) {
        this.templates = templates;
    }

    @Override
    protected void routes() {
        rest("/api/chatbots/{chatbotId}/templates").description("The message templates of a chatbot's WhatsApp Business Account")
                .get().id("api-chatbot-templates")
                    .description("The WhatsApp Business Account's message templates, as Meta lists them (only APPROVED ones can be sent)")
                    .outType(MessageTemplateList.class)
                    .responseMessage(refusal(409, "The chatbot has no WhatsApp Business Account id (no_business_account) "
                            + "or no access token (no_access_token)"))
                    .responseMessage(refusal(502, "Meta did not list the templates (graph_api_error)"))
                    .to(tenantJson("chatbot-templates", templates::list, "list-templates"));
        rest("/api/contacts/{contactId}/templates").description("Template messages to a contact")
                .post().id("api-contact-template")
                    .description("Send an approved template as a human agent, inside or outside the 24-hour window")
                    .type(SendTemplateRequest.class)
                    .responseMessage(response(201, "Sent", AgentMessageSent.class))
                    .responseMessage(refusal(409, "The contact's chatbot has no WhatsApp access token (no_access_token)"))
                    .responseMessage(refusal(422, "WhatsApp refused the template: template_not_found (132001), "
                            + "template_parameters_mismatch (132000), template_parameters_invalid, template_unavailable (paused, disabled)"))
                    .responseMessage(refusal(502, "WhatsApp did not accept the template (delivery_failed)"))
                    .to(tenantJson("contact-template", templates::send, "send-template"));
    }
}
