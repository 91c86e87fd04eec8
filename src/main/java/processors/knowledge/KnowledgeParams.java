package processors.knowledge;

import java.util.UUID;

import hub.knowledge.store.SourceRef;
import org.apache.camel.Exchange;
import processors.api.ApiParams;

/** The chatbot and source a knowledge API path names (anything that is not a UUID names nothing: 404). */
final class KnowledgeParams {

    private KnowledgeParams() {
    }

    static UUID chatbot(Exchange exchange) {
        return ApiParams.id(exchange, "chatbotId", "Chatbot");
    }

    static SourceRef source(Exchange exchange) {
        return new SourceRef(ApiParams.organization(exchange), chatbot(exchange),
                ApiParams.id(exchange, "sourceId", "Knowledge source"));
    }
}
