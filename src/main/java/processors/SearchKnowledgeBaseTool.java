package processors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.conversation.ConversationRepository;
import hub.conversation.KnowledgePassage;
import hub.tools.ToolDispatcher;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The built-in {@code search_knowledge_base} tool: the best passages of the calling chatbot's own
 * knowledge base for the LLM's query (full-text ranking), never another chatbot's.
 */
@Component
public class SearchKnowledgeBaseTool implements Processor {

    private static final int RESULTS = 5;

    private final ConversationRepository conversations;
    private final ObjectMapper mapper;

    public SearchKnowledgeBaseTool(ConversationRepository conversations, ObjectMapper mapper) {
        this.conversations = conversations;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> arguments = exchange.getIn().getBody(Map.class);
        Object query = arguments == null ? null : arguments.get("query");
        Map<String, Object> result = new LinkedHashMap<>();
        if (!(query instanceof String text) || text.isBlank()) {
            result.put("error", "search_knowledge_base needs a non-empty 'query'");
        } else {
            UUID chatbotId = exchange.getIn().getHeader(ToolDispatcher.CHATBOT_ID, UUID.class);
            List<KnowledgePassage> passages = conversations.searchText(chatbotId, text, RESULTS);
            result.put("success", true);
            if (passages.isEmpty()) {
                result.put("results", List.of());
                result.put("message", "No relevant information found in knowledge base.");
            } else {
                result.put("count", passages.size());
                result.put("results", passages.stream().map(p -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("content", p.content());
                    item.put("source", p.sourceName());
                    if (p.page() != null) {
                        item.put("page", p.page());
                    }
                    return item;
                }).toList());
            }
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }
}
