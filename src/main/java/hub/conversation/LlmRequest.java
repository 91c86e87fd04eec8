package hub.conversation;

import java.util.List;

/**
 * Everything one answer needs: the chatbot, the customer, the last messages, the new text, knowledge, tools,
 * and the customer's image when the chatbot's model is sent images (null otherwise).
 */
public record LlmRequest(Chatbot chatbot, Customer customer, List<HistoryEntry> history, String userMessage,
                         List<KnowledgePassage> knowledge, List<ToolSpec> tools, CustomerMedia.Image image) {

    public LlmRequest(Chatbot chatbot, Customer customer, List<HistoryEntry> history, String userMessage,
                      List<KnowledgePassage> knowledge, List<ToolSpec> tools) {
        this(chatbot, customer, history, userMessage, knowledge, tools, null);
    }
}
