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
import hub.conversation.Chatbot;
import hub.conversation.LlmRequest;
import hub.conversation.LlmResult;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer from an LLM: call the model, run the tools it asks for, feed their results back, at most
 * {@link #MAX_LLM_CALLS} calls (S2.10–S2.12); any provider error becomes the chatbot's fallback reply (S2.17).
 */
final class ToolCallingLoop {

    static final int MAX_LLM_CALLS = 5;
    static final String INCOMPLETE_REPLY = "I encountered an issue processing your request.";
    static final String DEFAULT_FALLBACK_ERROR =
            "Lo siento, estoy teniendo problemas técnicos. Por favor intenta de nuevo más tarde.";
    static final String DEFAULT_FALLBACK_LIMIT =
            "Lo siento, he alcanzado mi límite de uso. El administrador ha sido notificado.";

    private static final Logger log = LoggerFactory.getLogger(ToolCallingLoop.class);

    private final Provider provider;
    private final String model;
    private final ChatModels chatModels;
    private final ObjectMapper json;

    ToolCallingLoop(Provider provider, String model, ChatModels chatModels, ObjectMapper json) {
        this.provider = provider;
        this.model = model;
        this.chatModels = chatModels;
        this.json = json;
    }

    LlmResult answer(LlmRequest request, ToolExecutor executor) {
        Chatbot bot = request.chatbot();
        ToolCallRunner tools = new ToolCallRunner(json, executor, request.tools());
        TokenTally tokens = new TokenTally();
        List<ToolExecution> executions = new ArrayList<>();
        int calls = 0;
        try {
            ChatModel chatModel = chatModels.get(provider, model, bot.temperature());
            List<ChatMessage> messages = ConversationMessages.of(
                    provider, PromptBuilder.systemPrompt(request), request.history(), request.userMessage());
            List<ToolSpecification> specifications = ToolSchemas.specifications(request.tools());
            while (calls < MAX_LLM_CALLS) {
                calls++;
                ChatRequest.Builder chatRequest = ChatRequest.builder().messages(messages);
                if (!specifications.isEmpty()) {
                    chatRequest.toolSpecifications(specifications);
                }
                ChatResponse response = chatModel.chat(chatRequest.build());
                AiMessage ai = response.aiMessage();
                tokens.add(response.tokenUsage(), messages, ai);
                if (!ai.hasToolExecutionRequests()) {
                    return finished(ai, response.finishReason(), tokens, calls, executions);
                }
                messages.add(ai);
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    ToolExecution execution = tools.run(call, calls);
                    executions.add(execution);
                    messages.add(ToolExecutionResultMessage.from(call, tools.resultForModel(execution)));
                }
            }
            log.info("LLM tool loop stopped after {} calls: chatbot={} provider={} model={}",
                    calls, bot.id(), provider.wireName(), model);
            return result(provider.maxIterationsReply(), tokens, calls, true, null, executions, null, false);
        } catch (RuntimeException e) {
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
            return result(fallback(bot, limit), tokens, calls, false, null, executions,
                    ErrorClassifier.describe(e), limit);
        }
    }

    private LlmResult finished(AiMessage ai, FinishReason finishReason, TokenTally tokens, int calls,
                               List<ToolExecution> executions) {
        boolean hasText = ai.text() != null && !ai.text().isBlank();
        String reply = hasText ? ai.text() : INCOMPLETE_REPLY;
        String reason = finishReason == null || finishReason == FinishReason.STOP ? null : name(finishReason);
        return result(reply, tokens, calls, false, reason, executions, null, false);
    }

    private LlmResult result(String reply, TokenTally tokens, int calls, boolean maxIterations, String finishReason,
                             List<ToolExecution> executions, String error, boolean limit) {
        return new LlmResult(reply, provider.wireName(), model, tokens.input(), tokens.output(), calls,
                maxIterations, finishReason, List.copyOf(executions), error, limit);
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
        return limit ? DEFAULT_FALLBACK_LIMIT : DEFAULT_FALLBACK_ERROR;
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

    /** The LLM call was interrupted because the hub is stopping. */
    public static final class LlmInterruptedException extends RuntimeException {
        LlmInterruptedException(Throwable cause) {
            super("LLM call interrupted: the hub is stopping", cause);
        }
    }
}
