package processors.knowledge;

import processors.api.ErrorResponder;

import hub.knowledge.api.KnowledgeApiErrors;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The knowledge API's failures in the hub's JSON error shape: the knowledge base's exceptions become
 * their HTTP answers (404 not found, 409 chatbot_disabled / rag_disabled, 403 quota_exceeded with the
 * quota's figures, 415 unsupported type, 400/422 for URLs), then {@link ErrorResponder} writes them.
 */
@Component
public class KnowledgeErrorResponder implements Processor {

    private final ErrorResponder errorResponder;

    public KnowledgeErrorResponder(ErrorResponder errorResponder) {
        this.errorResponder = errorResponder;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiError error = KnowledgeApiErrors.translate(cause);
        if (error != null) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        }
        errorResponder.process(exchange);
    }
}
