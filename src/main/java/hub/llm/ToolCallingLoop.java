package hub.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import hub.StorableText;
import hub.conversation.Chatbot;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.conversation.ToolSpec;
import hub.conversation.TurnBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer from an LLM: call the model, run the tools it asks for, feed their results back, at most
 * {@link #MAX_LLM_CALLS} calls (S2.10–S2.12) and the turn's tool-call budget; any provider error becomes
 * the chatbot's fallback reply (S2.17). Runs on its own thread while {@link LlmToolLoop} waits for it
 * until the turn's deadline; then {@link #stop()} ends it: the progress so far becomes the result and the
 * loop starts nothing more (no further LLM or tool call).
 */
final class ToolCallingLoop {

    static final int MAX_LLM_CALLS = 5;

    private static final Logger log = LoggerFactory.getLogger(ToolCallingLoop.class);

    private final Provider provider;
    private final String model;
    private final ChatModels chatModels;
    private final TurnBudget budget;
    private final LlmRequest request;
    private final Chatbot bot;
    private final ToolCallRunner tools;

    // the progress, shared with the thread that calls stop(); guarded by this
    private final TokenTally tokens = new TokenTally();
    private final List<ToolExecution> executions = new ArrayList<>();
    private int calls;
    private int toolCallsRun;
    private ToolExecutionRequest toolInFlight;
    private long toolStartedNanos;
    private boolean finished;
    private boolean stopped;

    ToolCallingLoop(Provider provider, String model, ChatModels chatModels, ObjectMapper json, LlmRequest request,
                    ToolExecutor executor, TurnBudget budget) {
        this.provider = provider;
        this.model = model;
        this.chatModels = chatModels;
        this.request = request;
        this.bot = request.chatbot();
        this.tools = new ToolCallRunner(json, executor, request.tools());
        this.budget = budget;
    }

    /** The answer; null when {@link #stop()} ended the loop first. */
    LlmResult answer() {
        try {
            ChatModel chatModel = chatModels.get(provider, model, bot.temperature());
            List<ChatMessage> messages = ConversationMessages.of(
                    provider, PromptBuilder.systemPrompt(request), request.history(), request.userMessage(), request.image());
            List<ToolSpecification> specifications = ToolSchemas.specifications(request.tools());
            while (nextLlmCall()) {
                ChatRequest.Builder chatRequest = ChatRequest.builder().messages(messages);
                if (!specifications.isEmpty()) {
                    chatRequest.toolSpecifications(specifications);
                }
                ChatResponse response = chatModel.chat(chatRequest.build());
                AiMessage ai = response.aiMessage();
                synchronized (this) {
                    tokens.add(response.tokenUsage(), messages, ai);
                }
                if (!ai.hasToolExecutionRequests()) {
                    return finished(ai, response.finishReason());
                }
                messages.add(ai);
                boolean replied = false;
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    ToolExecution execution = startTool(call) ? finishTool(tools.run(call, calls)) : skip(call);
                    messages.add(ToolExecutionResultMessage.from(call, tools.resultForModel(execution)));
                    replied |= endsTurn(execution);
                }
                if (replied) {
                    // the tool's message is the reply (buttons, a list, the handoff text): no further LLM call
                    return complete(ai.text() == null || ai.text().isBlank() ? bot.texts().incomplete() : ai.text(), false, null, null, false);
                }
            }
            log.info("LLM tool loop stopped after {} calls: chatbot={} provider={} model={}",
                    calls, bot.id(), provider.wireName(), model);
            return complete(bot.texts().maxIterations(), true, null, null, false);
        } catch (Stopped e) {
            return null;
        } catch (RuntimeException e) {
            if (isStopped()) {
                // whatever the call that was cut off threw, stop() has already answered for this turn
                return null;
            }
            if (interrupted(e)) {
                // the hub is stopping: no fallback reply; the message is released and answered after the restart
                Thread.currentThread().interrupt();
                throw new LlmInterruptedException(e);
            }
            boolean limit = ErrorClassifier.isLimit(e);
            log.warn("LLM call failed: chatbot={} provider={} model={} call={} limit={} status={} type={}",
                    bot.id(), provider.wireName(), model, calls, limit, ErrorClassifier.httpStatus(e),
                    e.getClass().getSimpleName());
            log.debug("LLM failure detail", e);
            return complete(fallback(bot, limit), false, null, ErrorClassifier.describe(e), limit);
        }
    }

    /**
     * Ends the loop at the turn's deadline: the result has the chatbot's error fallback as its reply, the
     * tool calls made so far, and the one in flight as timed out. Null when the loop had already answered.
     */
    synchronized LlmResult stop() {
        if (finished) {
            return null;
        }
        stopped = true;
        String error = "The answer took longer than the message's time budget of " + budget.timeoutText();
        if (toolInFlight != null) {
            executions.add(tools.notRun(toolInFlight, calls, "timeout",
                    "Stopped: the message's time budget of " + budget.timeoutText() + " ran out",
                    (System.nanoTime() - toolStartedNanos) / 1_000_000));
        }
        log.warn("LLM tool loop out of time after {} LLM calls and {} tool calls: chatbot={} provider={} model={}",
                calls, executions.size(), bot.id(), provider.wireName(), model);
        return new LlmResult(fallback(bot, false), provider.wireName(), model,
                tokens.input(), tokens.output(), calls, false, null, List.copyOf(executions), error, false, true);
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private synchronized boolean nextLlmCall() {
        checkRunning();
        if (calls >= MAX_LLM_CALLS) {
            return false;
        }
        calls++;
        return true;
    }

    /** True when the call may run (it is then in flight); false when the turn's tool-call budget is spent. */
    private synchronized boolean startTool(ToolExecutionRequest call) {
        checkRunning();
        if (toolCallsRun >= budget.maxToolCalls()) {
            return false;
        }
        toolCallsRun++;
        toolInFlight = call;
        toolStartedNanos = System.nanoTime();
        return true;
    }

    private synchronized ToolExecution finishTool(ToolExecution execution) {
        checkRunning();
        toolInFlight = null;
        executions.add(execution);
        return execution;
    }

    // the model reads this as the call's result: nothing was run, and it should answer with what it has
    private synchronized ToolExecution skip(ToolExecutionRequest call) {
        checkRunning();
        ToolExecution skipped = tools.notRun(call, calls, ToolExecution.SKIPPED, "Not run: this message already used its "
                + budget.maxToolCalls() + " tool calls. Answer the customer now with the information you have.", 0);
        executions.add(skipped);
        return skipped;
    }

    private void checkRunning() {
        if (stopped) {
            throw new Stopped();
        }
    }

    /** A successful call of a tool whose message is the turn's reply ({@code ends_turn} in its config). */
    private boolean endsTurn(ToolExecution execution) {
        return "success".equals(execution.status()) && request.tools().stream().anyMatch(t -> t.name().equals(execution.toolName())
                && t.config() != null && Boolean.TRUE.equals(t.config().get(ToolSpec.ENDS_TURN)));
    }

    private LlmResult finished(AiMessage ai, FinishReason finishReason) {
        boolean hasText = ai.text() != null && !ai.text().isBlank();
        String reply = hasText ? ai.text() : bot.texts().incomplete();
        String reason = finishReason == null || finishReason == FinishReason.STOP ? null : name(finishReason);
        return complete(reply, false, reason, null, false);
    }

    /** The loop's own result; null when {@link #stop()} came first. */
    private synchronized LlmResult complete(String reply, boolean maxIterations, String finishReason, String error,
                                            boolean limit) {
        if (stopped) {
            return null;
        }
        finished = true;
        return new LlmResult(StorableText.of(reply), provider.wireName(), model, tokens.input(), tokens.output(), calls,
                maxIterations, finishReason, List.copyOf(executions), error, limit, false);
    }

    /** OpenAI's wording: "length", "tool_calls", "content_filter". */
    static String name(FinishReason reason) {
        return reason == FinishReason.TOOL_EXECUTION ? "tool_calls" : reason.name().toLowerCase(Locale.ROOT);
    }

    static String fallback(Chatbot bot, boolean limit) {
        String text = limit ? bot.fallbackMessageLimit() : bot.fallbackMessageError();
        if (text != null && !text.isBlank()) {
            return text;
        }
        return limit ? bot.texts().fallbackLimit() : bot.texts().fallbackError();
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    && !(t instanceof java.net.SocketTimeoutException) && !(t instanceof java.net.http.HttpTimeoutException)) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    /** Thrown inside the loop once {@link #stop()} ended it. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** The LLM call was interrupted because the hub is stopping. */
    public static final class LlmInterruptedException extends RuntimeException {
        LlmInterruptedException(Throwable cause) {
            super("LLM call interrupted: the hub is stopping", cause);
        }
    }
}
