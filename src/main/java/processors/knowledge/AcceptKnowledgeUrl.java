package processors.knowledge;

import hub.api.knowledge.AddUrlRequest;
import hub.api.knowledge.SourceAccepted;
import hub.knowledge.api.KnowledgeIntake;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * {@code POST /url} {@code {"url", "name"?}}: the URL is checked before anything is accepted (http(s),
 * a public host unless private networks are allowed: 400 {@code url_not_allowed}), then the source is
 * created (quota checks) and queued: 202 at once; the page is fetched by the ingestion route.
 */
@Component
public record AcceptKnowledgeUrl(KnowledgeIntake intake, RequestBodies bodies) implements Processor {

    @Override
    public void process(Exchange exchange) {
        AddUrlRequest body = bodies.read(exchange, AddUrlRequest.class);
        KnowledgeIntake.Accepted accepted = intake.url(ApiParams.organization(exchange), KnowledgeParams.chatbot(exchange),
                body.url(), body.name());
        exchange.getMessage().setBody(SourceAccepted.of(accepted));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }
}
