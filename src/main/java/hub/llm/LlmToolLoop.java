package hub.llm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecutor;
import hub.conversation.TurnBudget;
import hub.metrics.BusinessMetrics;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Answers one customer message with the chatbot's LLM (OpenAI-compatible or Gemini, chosen by its model name),
 * running the tools the model asks for within the turn's {@link TurnBudget}; without a configured provider,
 * answers offline from the knowledge passages. Never throws for provider failures: they come back as
 * {@link LlmResult#failed()} with the fallback reply. At the turn's deadline the answer is the chatbot's error
 * fallback ({@link LlmResult#outOfTime()}), whatever LLM or tool call is still in flight.
 */
@Component
public class LlmToolLoop {

    private final ProviderSelector providers;
    private final ChatModels chatModels;
    private final ObjectMapper json;
    private final BusinessMetrics metrics;
    // the loops run here so that the conversation thread can stop waiting at the deadline; a loop that is
    // stopped is interrupted and starts no further call, so its thread ends with the call it was in
    private final ExecutorService loops = Executors.newCachedThreadPool(new LoopThreads());

    public LlmToolLoop(HubProperties properties, ObjectMapper json, BusinessMetrics metrics) {
        this.providers = new ProviderSelector(properties.llm());
        this.chatModels = new ChatModels(properties.llm(), metrics);
        this.json = json;
        this.metrics = metrics;
    }

    public LlmResult answer(LlmRequest request, ToolExecutor tools, TurnBudget budget) {
        LlmResult result = answerWithin(request, tools, budget);
        metrics.toolCalls(result.toolExecutions());
        return result;
    }

    private LlmResult answerWithin(LlmRequest request, ToolExecutor tools, TurnBudget budget) {
        Chatbot bot = request.chatbot();
        Provider provider = providers.select(bot.modelName());
        if (provider == Provider.OFFLINE) {
            return OfflineAnswer.answer(request);
        }
        String model = bot.modelName() == null || bot.modelName().isBlank()
                ? provider.defaultModel() : bot.modelName().trim();
        ToolCallingLoop loop = new ToolCallingLoop(provider, model, chatModels, json, request, tools, budget);
        Future<LlmResult> answer = loops.submit(loop::answer);
        try {
            return answer.get(Math.max(0, budget.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LlmResult outOfTime = loop.stop();
            if (outOfTime == null) {
                return finishedJustInTime(answer);
            }
            answer.cancel(true);
            return outOfTime;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolCallingLoop.LlmInterruptedException(e);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    /** The provider a chatbot's messages go to with the current configuration. */
    public Provider providerFor(Chatbot chatbot) {
        return providers.select(chatbot.modelName());
    }

    @PreDestroy
    void stop() {
        loops.shutdownNow();
    }

    private static LlmResult finishedJustInTime(Future<LlmResult> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolCallingLoop.LlmInterruptedException(e);
        } catch (ExecutionException e) {
            throw rethrown(e);
        }
    }

    // the loop itself throws only when the hub is stopping (LlmInterruptedException) or on a bug
    private static RuntimeException rethrown(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    private static final class LoopThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "llm-tool-loop-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
