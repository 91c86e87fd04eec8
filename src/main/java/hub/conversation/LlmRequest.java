package hub.conversation;

import java.util.List;

/** Everything one answer needs: the chatbot, the customer, the last messages, the new text, knowledge, tools. */
public record LlmRequest(Chatbot chatbot, Customer customer, List<HistoryEntry> history, String userMessage,
                         List<KnowledgePassage> knowledge, List<ToolSpec> tools) {
}
