package routes;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.ContactsApi;
import processors.api.ErrorResponder;
import processors.api.JsonResponse;
import processors.api.SendAgentMessage;
import processors.api.TenantScope;

/**
 * The tenant's contacts and conversations, and the human takeover: switch a contact to manual, write
 * to the customer as an agent, switch back to auto.
 */
@Component
public class ContactApiRoutes extends RouteBuilder {

    private final TenantScope tenantScope;
    private final ContactsApi contacts;
    private final SendAgentMessage sendAgentMessage;
    private final JsonResponse jsonResponse;
    private final ErrorResponder errorResponder;

    public ContactApiRoutes(TenantScope tenantScope, ContactsApi contacts, SendAgentMessage sendAgentMessage,
                            JsonResponse jsonResponse, ErrorResponder errorResponder) {
        this.tenantScope = tenantScope;
        this.contacts = contacts;
        this.sendAgentMessage = sendAgentMessage;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api/contacts").description("Contacts, conversations and human takeover")
                .get().id("api-contacts").description("Search contacts by phone or name, chatbot, mode and tag")
                    .param().name("q").type(RestParamType.query).description("part of the phone number or name").endParam()
                    .param().name("chatbot_id").type(RestParamType.query).description("one chatbot's contacts").endParam()
                    .param().name("mode").type(RestParamType.query).description("auto or manual").endParam()
                    .param().name("tag").type(RestParamType.query).description("contacts with this tag").endParam()
                    .param().name("limit").type(RestParamType.query).dataType("integer").description("1-500, default 50").endParam()
                    .param().name("offset").type(RestParamType.query).dataType("integer").endParam()
                    .to("direct:contacts-list")
                .get("/{contactId}").id("api-contact").description("One contact").to("direct:contact-read")
                .patch("/{contactId}").id("api-contact-update")
                    .description("Change a contact's name, variables, tags or conversation mode (manual = human takeover)")
                    .to("direct:contact-update")
                .get("/{contactId}/messages").id("api-contact-messages")
                    .description("The conversation, newest first, with delivery status and tool calls")
                    .param().name("limit").type(RestParamType.query).dataType("integer").description("1-200, default 50").endParam()
                    .param().name("before").type(RestParamType.query).dataType("integer")
                        .description("messages older than this id (next_before of the previous page)").endParam()
                    .to("direct:contact-messages")
                .post("/{contactId}/messages").id("api-contact-agent-message")
                    .description("Send a human agent's message (within 24 hours of the customer's last message)")
                    .to("direct:agent-message");

        from("direct:contacts-list").routeId("contacts-list")
                .process(tenantScope).process(contacts::list).id("search-contacts").process(jsonResponse);
        from("direct:contact-read").routeId("contact-read")
                .process(tenantScope).process(contacts::read).id("read-contact").process(jsonResponse);
        from("direct:contact-update").routeId("contact-update")
                .process(tenantScope).process(contacts::update).id("update-contact").process(jsonResponse);
        from("direct:contact-messages").routeId("contact-messages")
                .process(tenantScope).process(contacts::messages).id("read-conversation").process(jsonResponse);
        from("direct:agent-message").routeId("agent-message")
                .process(tenantScope).process(sendAgentMessage).id("send-agent-message").process(jsonResponse);
    }
}
