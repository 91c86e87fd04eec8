package hub.api.chatbot;

/** Tokens an answer took, over all its LLM calls. */
public record TokenCounts(int input, int output, int total) {
}
