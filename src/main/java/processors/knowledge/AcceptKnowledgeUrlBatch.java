package processors.knowledge;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import hub.api.knowledge.IngestBatchRequest;
import hub.api.knowledge.UrlBatchItem;
import hub.api.knowledge.UrlBatchResult;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeApiErrors;
import hub.knowledge.api.KnowledgeIntake;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * {@code POST /ingest-batch} {@code {"urls": [...]}}: each URL is accepted like {@code POST /url}, in
 * order, and gets its own result: {@code {"url", "success": true, "source_id", "status"}} or
 * {@code {"url", "success": false, "error": {"code", "message"}}} (plus the quota figures when a quota
 * refused it). Later URLs see the quota used by earlier ones; the same URL twice is accepted once.
 * The answer is 200 with the totals, even when some URLs failed.
 */
@Component
public record AcceptKnowledgeUrlBatch(KnowledgeIntake intake, RequestBodies bodies,
                                      HubProperties hub) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(AcceptKnowledgeUrlBatch.class);

    @Override
    public void process(Exchange exchange) {
        List<String> urls = bodies.read(exchange, IngestBatchRequest.class).urls();
        if (urls.size() > hub.ingest().maxBatchUrls()) {
            throw RequestBodies.invalid("urls", "must have at most " + hub.ingest().maxBatchUrls() + " items");
        }
        UUID organization = ApiParams.organization(exchange);
        UUID chatbot = KnowledgeParams.chatbot(exchange);
        intake.requireChatbot(organization, chatbot);

        List<UrlBatchItem> results = new ArrayList<>(urls.size());
        Set<String> seen = new HashSet<>();
        for (String url : urls) {
            try {
                URI checked = intake.checkedUrl(url);
                if (!seen.add(checked.toString())) {
                    throw ApiError.badRequest("duplicate_url", "The same URL appears earlier in this batch");
                }
                var source = intake.acceptCheckedUrl(organization, chatbot, checked, null).source();
                results.add(UrlBatchItem.accepted(url, source.id(), source.status().dbValue()));
            } catch (RuntimeException e) {
                if (KnowledgeApiErrors.translate(e) == null) {
                    log.warn("Batch URL of chatbot {} could not be accepted: {}", chatbot, e.toString());
                }
                results.add(UrlBatchItem.refused(url, KnowledgeApiErrors.errorObject(e)));
            }
        }
        int successful = (int) results.stream().filter(UrlBatchItem::success).count();
        exchange.getMessage().setBody(new UrlBatchResult(urls.size(), successful, urls.size() - successful, results));
    }
}
