package routes;

import hub.api.contact.AgentMessageRequest;
import hub.api.contact.AgentMessageSent;
import hub.api.contact.Contact;
import hub.api.contact.ContactPage;
import hub.api.contact.ConversationPage;
import hub.api.contact.UpdateContactRequest;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.ContactsApi;

/**
 * The tenant's contacts and conversations, and the human takeover: switch a contact to manual, write
 * to the customer as an agent, switch back to auto.
 */
@Component
public class ContactApiRoutes extends ApiRoutes {

    private final ContactsApi contacts;

    public ContactApiRoutes(ContactsApi contacts) {
        this.contacts = contacts;
    }

    @Override
    protected void routes() {
        rest("/api/contacts").description("Contacts, conversations and human takeover")
                .get().id("api-contacts").description("Search contacts by phone or name, chatbot, mode and tag, most recently active first")
                    .param().name("q").type(RestParamType.query).description("part of the phone number or name").endParam()
                    .param().name("chatbot_id").type(RestParamType.query).dataType("string").dataFormat("uuid")
                        .description("one chatbot's contacts").endParam()
                    .param().name("mode").type(RestParamType.query).allowableValues("auto", "manual")
                        .description("contacts in this conversation mode").endParam()
                    .param().name("tag").type(RestParamType.query).description("contacts with this tag").endParam()
                    .params(page(500))
                    .outType(ContactPage.class).to(tenantJson("contacts-list", contacts::list, "search-contacts"))
                .get("/{contactId}").id("api-contact").description("One contact").outType(Contact.class)
                    .to(tenantJson("contact-read", contacts::read, "read-contact"))
                .patch("/{contactId}").id("api-contact-update")
                    .description("Change a contact's name, variables, tags or conversation mode (manual = human takeover); "
                            + "fields left out stay")
                    .type(UpdateContactRequest.class).outType(Contact.class)
                    .to(tenantJson("contact-update", contacts::update, "update-contact"))
                .get("/{contactId}/messages").id("api-contact-messages")
                    .description("The conversation, newest first, with delivery status and tool calls")
                    .param(limit(200))
                    .param().name("before").type(RestParamType.query).dataType("integer")
                        .description("messages older than this id (next_before of the previous page)").endParam()
                    .outType(ConversationPage.class).to(tenantJson("contact-messages", contacts::messages, "read-conversation"))
                .post("/{contactId}/messages").id("api-contact-agent-message")
                    .description("Send a human agent's message (within 24 hours of the customer's last message)")
                    .type(AgentMessageRequest.class)
                    .responseMessage(response(201, "Sent", AgentMessageSent.class))
                    .responseMessage(refusal(409, "The contact's chatbot has no WhatsApp access token (no_access_token)"))
                    .responseMessage(refusal(422, "More than 24 hours since the customer's last message (outside_service_window)"))
                    .responseMessage(refusal(502, "WhatsApp did not accept the message (delivery_failed)"))
                    .to(tenantJson("agent-message", "sendAgentMessage", "send-agent-message"));
    }
}
