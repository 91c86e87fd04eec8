package processors.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.api.KnowledgeRequests;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * {@code POST /url} {@code {"url", "name"?}}: the URL is checked before anything is accepted (http(s),
 * a public host unless private networks are allowed: 400 {@code url_not_allowed}), then the source is
 * created (quota checks) and queued: 202 at once; the page is fetched by the ingestion route.
 */
@Component
public class AcceptKnowledgeUrl implements Processor {

    private final KnowledgeIntake intake;
    private final ObjectMapper mapper;

    public AcceptKnowledgeUrl(KnowledgeIntake intake, ObjectMapper mapper) {
        this.intake = intake;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = KnowledgeRequests.jsonObject(exchange, mapper);
        String url = KnowledgeRequests.requiredText(body, "url");
        String name = KnowledgeRequests.optionalText(body, "name");
        KnowledgeIntake.Accepted accepted = intake.url(KnowledgeRequests.organization(exchange),
                KnowledgeRequests.chatbot(exchange), url, name);
        exchange.getMessage().setBody(AcceptKnowledgeUpload.acceptedBody(accepted));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }
}
