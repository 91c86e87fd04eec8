package processors.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.conversation.KnowledgePassage;
import hub.knowledge.store.KnowledgeSearch;
import hub.llm.PromptBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The built-in {@code search_knowledge_base} tool: the best passages of the calling chatbot's own
 * knowledge base for the LLM's query (the hybrid {@link KnowledgeSearch}: vectors and full text fused),
 * never another chatbot's.
 */
@Component
public record SearchKnowledgeBaseTool(KnowledgeSearch knowledgeSearch, ObjectMapper mapper) implements Processor {

    private static final int RESULTS = 5;

    /**
     * The conversation's view of a search result, best first. {@code similarity} is the cosine similarity
     * when the passage has a comparable embedding, else its fused rank score scaled to 0..1 (1 = first in
     * both the vector and the full-text list), so a passage found by full text only still ranks.
     */
    public static List<KnowledgePassage> passages(KnowledgeSearch.SearchResult result, KnowledgeSearch.Options options) {
        double best = 2.0 / (options.rrfK() + 1);
        return result.passages().stream().map(p -> new KnowledgePassage(p.content(), p.sourceName(), p.page(),
                p.similarity() != null ? p.similarity() : Math.min(1.0, p.score() / best), p.chunkId(), p.sourceId(),
                p.url())).toList();
    }

    /** S2.14: content, source, relevance ("90%") and where the passage is (page, url, heading, when known). */
    static Map<String, Object> item(KnowledgePassage passage, KnowledgeSearch.Passage found) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("content", passage.content());
        item.put("source", passage.sourceName());
        item.put("relevance", PromptBuilder.percent(passage.similarity()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (found.page() != null) {
            metadata.put("page", found.page());
        }
        if (found.url() != null) {
            metadata.put("url", found.url());
        }
        if (found.heading() != null) {
            metadata.put("heading", found.heading());
        }
        item.put("metadata", metadata);
        return item;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> arguments = exchange.getIn().getBody(Map.class);
        Object query = arguments == null ? null : arguments.get("query");
        Map<String, Object> result = new LinkedHashMap<>();
        if (!(query instanceof String text) || text.isBlank()) {
            result.put("error", "search_knowledge_base needs a non-empty 'query'");
        } else {
            UUID chatbotId = exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID, UUID.class);
            KnowledgeSearch.SearchResult found = knowledgeSearch.search(chatbotId, text, RESULTS);
            List<KnowledgePassage> passages = passages(found, knowledgeSearch.options());
            result.put("success", true);
            if (passages.isEmpty()) {
                result.put("results", List.of());
                result.put("message", "No relevant information found in knowledge base.");
            } else {
                result.put("count", passages.size());
                List<Map<String, Object>> items = new java.util.ArrayList<>(passages.size());
                for (int i = 0; i < passages.size(); i++) {
                    items.add(item(passages.get(i), found.passages().get(i)));
                }
                result.put("results", items);
            }
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }
}
