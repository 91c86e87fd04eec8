package routes;

import hub.api.conversation.ConversationList;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.ConversationsApi;

/** The inbox: the organisation's conversations, most recent first, and marking one read. */
@Component
public class ConversationApiRoutes extends ApiRoutes {

    private final ConversationsApi conversations;

    public ConversationApiRoutes(ConversationsApi conversations) {
        this.conversations = conversations;
    }

    @Override
    protected void routes() {
        rest("/api/conversations").description("The inbox")
                .get().id("api-conversations")
                    .description("Conversations most recent first, with unread count, the newest message, whether a customer "
                            + "waits for a person and when the 24-hour window for free text closes")
                    .param().name("filter").type(RestParamType.query).allowableValues("all", "manual", "needs_person", "unread")
                        .description("all (default), taken over by a person, waiting for a person, with unread messages").endParam()
                    .param().name("q").type(RestParamType.query).description("part of the name or phone number").endParam()
                    .param(limit(200))
                    .param().name("before").type(RestParamType.query)
                        .description("the next_before of the previous page").endParam()
                    .outType(ConversationList.class).to(tenantJson("conversations-list", conversations::list, "list-conversations"))
                .post("/{contactId}/read").id("api-conversation-read")
                    .description("The organisation has read the conversation: its unread count is 0 again")
                    .responseMessage().code(204).message("Read").endResponseMessage()
                    .to(tenantJson("conversation-read", conversations::markRead, "mark-conversation-read"));
    }
}
