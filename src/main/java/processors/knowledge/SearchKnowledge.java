package processors.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.api.KnowledgeRequests;
import hub.knowledge.api.KnowledgeViews;
import hub.knowledge.store.KnowledgeSearch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * {@code POST /search} {@code {"query", "limit"?}} (limit 1..50, default 5): the chatbot's best passages,
 * with the same hybrid search the agent uses (RAG and the {@code search_knowledge_base} tool).
 */
@Component
public class SearchKnowledge implements Processor {

    private final KnowledgeSearch search;
    private final ObjectMapper mapper;

    public SearchKnowledge(KnowledgeSearch search, ObjectMapper mapper) {
        this.search = search;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = KnowledgeRequests.jsonObject(exchange, mapper);
        String query = KnowledgeRequests.requiredText(body, "query");
        Integer limit = KnowledgeRequests.optionalInt(body, "limit", 1, search.options().maxLimit());
        KnowledgeSearch.SearchResult result = search.search(KnowledgeRequests.organization(exchange),
                KnowledgeRequests.chatbot(exchange), query, limit == null ? 5 : limit);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("query", result.query());
        answer.put("mode", result.mode().name().toLowerCase(java.util.Locale.ROOT));
        answer.put("embeddingModel", result.embeddingModel());
        answer.put("notice", result.notice());
        answer.put("count", result.passages().size());
        answer.put("results", result.passages().stream().map(KnowledgeViews::passage).toList());
        exchange.getMessage().setBody(answer);
    }
}
