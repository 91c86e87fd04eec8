package hub.llm;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import hub.config.HubProperties;
import hub.metrics.BusinessMetrics;

/**
 * One langchain4j client per (provider, model, temperature), built from the configured base URLs and keys, each call
 * timed ({@link CallMetrics}).
 */
final class ChatModels {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private record Key(Provider provider, String model, double temperature) {
    }

    private final HubProperties.Llm llm;
    private final BusinessMetrics metrics;
    private final Map<Key, ChatModel> cache = new ConcurrentHashMap<>();

    ChatModels(HubProperties.Llm llm, BusinessMetrics metrics) {
        this.llm = llm;
        this.metrics = metrics;
    }

    ChatModel get(Provider provider, String model, double temperature) {
        return cache.computeIfAbsent(new Key(provider, model, temperature), this::build);
    }

    private ChatModel build(Key key) {
        return switch (key.provider()) {
            case OPENAI -> openAi(key);
            case GEMINI -> gemini(key);
            case OFFLINE -> throw new IllegalArgumentException("the offline provider has no chat model");
        };
    }

    // maxRetries 0: a failed call becomes the chatbot's fallback reply; the pipeline owns retries.
    private ChatModel openAi(Key key) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(llm.openai().baseUrl())
                .apiKey(llm.openai().apiKey())
                .modelName(key.model())
                .timeout(TIMEOUT)
                .maxRetries(0)
                .listeners(timed(key));
        if (acceptsTemperature(key.model())) {
            builder.temperature(key.temperature());
        }
        return builder.build();
    }

    // Gemini 3 rejects a follow-up call whose function calls lack the thought signature it sent, so thinking
    // is returned (kept out of the reply text by langchain4j) and sent back.
    private ChatModel gemini(Key key) {
        return GoogleAiGeminiChatModel.builder()
                .baseUrl(llm.gemini().baseUrl())
                .apiKey(llm.gemini().apiKey())
                .modelName(key.model())
                .temperature(key.temperature())
                .timeout(TIMEOUT)
                .maxRetries(0)
                .returnThinking(true)
                .sendThinking(true)
                .listeners(timed(key))
                .build();
    }

    private List<ChatModelListener> timed(Key key) {
        return List.of(new CallMetrics(metrics, key.provider(), key.model()));
    }

    /** OpenAI reasoning models (o1, o3, o4, gpt-5) reject any temperature but their default. */
    static boolean acceptsTemperature(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return !(m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("gpt-5"));
    }
}
