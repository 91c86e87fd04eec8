package routes;

import java.util.List;

import hub.api.chatbot.Chatbot;
import hub.api.chatbot.ChatbotList;
import hub.api.chatbot.CreateChatbotRequest;
import hub.api.chatbot.TryAgentAnswer;
import hub.api.chatbot.TryAgentRequest;
import hub.api.chatbot.UpdateChatbotRequest;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.springframework.stereotype.Component;
import processors.api.ChatbotsApi;

/**
 * The tenant's chatbots: list, read, create, update, deactivate; and "try your agent": the chatbot's real agent answers
 * a typed message, with nothing sent, stored or billed.
 */
@Component
public class ChatbotApiRoutes extends ApiRoutes {

    private final ChatbotsApi chatbots;

    public ChatbotApiRoutes(ChatbotsApi chatbots) {
        this.chatbots = chatbots;
    }

    @Override
    protected void routes() {
        rest("/api/chatbots").description("The organisation's chatbots")
                .get().id("api-chatbots").description("The organisation's chatbots, oldest first")
                    .outType(ChatbotList.class).to(tenantJson("api-chatbots-list", chatbots::list, "list-chatbots"))
                .get("/{chatbotId}").id("api-chatbot").description("One chatbot")
                    .outType(Chatbot.class).to(tenantJson("api-chatbot-read", chatbots::read, "read-chatbot"))
                .post().id("api-chatbot-create")
                    .description("Create a chatbot on a WhatsApp phone number id, with an access token Meta confirms controls it")
                    .type(CreateChatbotRequest.class)
                    .responseMessage(response(201, "Created", Chatbot.class)).responseMessages(numberRefusals())
                    .to(tenantJson("chatbot-create", chatbots::create, "create-chatbot"))
                .patch("/{chatbotId}").id("api-chatbot-update")
                    .description("Change a chatbot: fields left out stay; number, access token (write-only), model, prompt, "
                            + "persona, temperature, RAG, fallback texts, active")
                    .type(UpdateChatbotRequest.class).outType(Chatbot.class).responseMessages(numberRefusals())
                    .to(tenantJson("chatbot-update", chatbots::update, "update-chatbot"))
                .delete("/{chatbotId}").id("api-chatbot-deactivate")
                    .description("Deactivate a chatbot: it stops answering, its data stays")
                    .outType(Chatbot.class).to(tenantJson("chatbot-deactivate", chatbots::deactivate, "deactivate-chatbot"))
                .post("/{chatbotId}/try").id("api-chatbot-try")
                    .description("Try the agent: the chatbot's prompt, knowledge, tools and model answer a message as they would a "
                            + "customer's; nothing is sent to WhatsApp, stored or billed, and tools that change customers' data "
                            + "or notify someone (capture_lead, remember_customer_info, contact_owner) are not run")
                    .type(TryAgentRequest.class).outType(TryAgentAnswer.class).to(tenantJson("chatbot-try", "tryAgent", "try-agent"));
    }

    /** Setting a WhatsApp number: taken by another chatbot, not controlled by the token, or Meta unreachable. */
    private static List<ResponseMessageDefinition> numberRefusals() {
        return List.of(refusal(409, "Another chatbot uses this phone number id (phone_number_id_taken)"),
                refusal(422, "Meta does not confirm the token controls the number (phone_number_not_verified)"),
                refusal(502, "Meta's Graph API could not be reached to verify the number (graph_api_unavailable)"));
    }
}
