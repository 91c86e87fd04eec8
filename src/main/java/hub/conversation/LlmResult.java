package hub.conversation;

import java.util.List;

/**
 * The outcome of the LLM loop. On failure {@code reply} is the chatbot's fallback text, {@code error}
 * says what happened and {@code limitError} tells a provider limit (429, quota, resource exhausted)
 * from other failures; {@code outOfTime} says the message's time budget ran out. Tokens are summed over all calls.
 */
public record LlmResult(String reply, String provider, String model, int tokensInput, int tokensOutput,
                        int llmCalls, boolean maxIterationsReached, String finishReason,
                        List<ToolExecution> toolExecutions, String error, boolean limitError, boolean outOfTime) {

    public boolean failed() {
        return error != null;
    }

    /**
     * Why the model's last call stopped, as stored with the reply: {@code stop}, {@code length}, {@code tool_calls}
     * (also when the agent ran out of iterations), ...; null when no model answered (failure, no LLM configured).
     */
    public String lastFinishReason() {
        if (failed() || llmCalls == 0) {
            return null;
        }
        if (maxIterationsReached) {
            return "tool_calls";
        }
        return finishReason == null ? "stop" : finishReason;
    }
}
