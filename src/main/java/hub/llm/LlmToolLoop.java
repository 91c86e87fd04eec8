package hub.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecutor;
import org.springframework.stereotype.Component;

/**
 * Answers one customer message with the chatbot's LLM (OpenAI-compatible or Gemini, chosen by its model name),
 * running the tools the model asks for; without a configured provider, answers offline from the knowledge passages.
 * Never throws for provider failures: they come back as {@link LlmResult#failed()} with the fallback reply.
 */
@Component
public class LlmToolLoop {

    private final ProviderSelector providers;
    private final ChatModels chatModels;
    private final ObjectMapper json;

    public LlmToolLoop(HubProperties properties, ObjectMapper json) {
        this.providers = new ProviderSelector(properties.llm());
        this.chatModels = new ChatModels(properties.llm());
        this.json = json;
    }

    public LlmResult answer(LlmRequest request, ToolExecutor tools) {
        Chatbot bot = request.chatbot();
        Provider provider = providers.select(bot.modelName());
        if (provider == Provider.OFFLINE) {
            return OfflineAnswer.answer(request);
        }
        String model = bot.modelName() == null || bot.modelName().isBlank()
                ? provider.defaultModel() : bot.modelName().trim();
        return new ToolCallingLoop(provider, model, chatModels, json).answer(request, tools);
    }

    /** The provider a chatbot's messages go to with the current configuration. */
    public Provider providerFor(Chatbot chatbot) {
        return providers.select(chatbot.modelName());
    }
}
