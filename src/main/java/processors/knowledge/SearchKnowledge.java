package processors.knowledge;

import hub.api.knowledge.KnowledgeSearchResults;
import hub.api.knowledge.SearchKnowledgeRequest;
import hub.knowledge.store.KnowledgeSearch;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * {@code POST /search} {@code {"query", "limit"?}} (limit 1..50, default 5): the chatbot's best passages,
 * with the same hybrid search the agent uses (RAG and the {@code search_knowledge_base} tool).
 */
@Component
public record SearchKnowledge(KnowledgeSearch search, RequestBodies bodies) implements Processor {

    private static final int DEFAULT_LIMIT = 5;

    @Override
    public void process(Exchange exchange) {
        SearchKnowledgeRequest body = bodies.read(exchange, SearchKnowledgeRequest.class);
        KnowledgeSearch.SearchResult result = search.search(ApiParams.organization(exchange), KnowledgeParams.chatbot(exchange),
                body.query(), body.limit() == null ? DEFAULT_LIMIT : body.limit());
        exchange.getMessage().setBody(KnowledgeSearchResults.of(result));
    }
}
