package processors.knowledge;

import hub.api.knowledge.ReembeddingRun;
import hub.knowledge.api.KnowledgeReembedding;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * The operator's re-embedding of a chatbot's knowledge after a model change: {@code POST} starts it in the
 * background (202; {@code ?force=true} re-embeds sources already on the model too), {@code GET} shows the
 * chatbot's last run since the hub started.
 */
@Component
public record ReembedKnowledge(KnowledgeReembedding reembedding) {

    public void start(Exchange exchange) {
        boolean force = Boolean.TRUE.equals(ApiParams.optionalBoolean(exchange, "force"));
        exchange.getMessage().setBody(ReembeddingRun.of(reembedding.start(KnowledgeParams.chatbot(exchange), force)));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }

    public void status(Exchange exchange) {
        exchange.getMessage().setBody(ReembeddingRun.of(reembedding.last(KnowledgeParams.chatbot(exchange))
                .orElseThrow(() -> ApiError.notFound("No re-embedding of this chatbot since the hub started"))));
    }
}
