package routes;

import hub.api.chatbot.TryAgentAnswer;
import hub.api.chatbot.TryAgentRequest;
import org.springframework.stereotype.Component;

/** "Try your agent": the chatbot's real agent answers a typed message, with nothing sent, stored or billed. */
@Component
public class TryAgentRoutes extends ApiRoutes {

    @Override
    protected void routes() {
        rest("/api/chatbots").tag("chatbot")
                .post("/{chatbotId}/try").id("api-chatbot-try")
                    .description("Try the agent: the chatbot's prompt, knowledge, tools and model answer a message as they would a "
                            + "customer's; nothing is sent to WhatsApp, stored or billed, and tools that change customers' data "
                            + "or notify someone (capture_lead, remember_customer_info, contact_owner) are not run")
                    .type(TryAgentRequest.class).outType(TryAgentAnswer.class).to(tenantJson("chatbot-try", "tryAgent", "try-agent"));
    }
}
