package hub.api.chatbot;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.api.conversation.Passage;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The agent's answer in a trial: what a customer would have received, the tools it called, the knowledge passages
 * it was given, the provider and model that answered and the tokens used (not billed). {@code error} says why the
 * answer is the chatbot's fallback text, when it is.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TryAgentAnswer(String answer, List<TryToolCall> toolCalls, List<Passage> passages, String provider,
                             String model, TokenCounts tokens, @Schema(nullable = true) String error) {
}
