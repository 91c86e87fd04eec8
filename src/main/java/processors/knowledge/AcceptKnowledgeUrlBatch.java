package processors.knowledge;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeApiErrors;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.api.KnowledgeRequests;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /ingest-batch} {@code {"urls": [...]}}: each URL is accepted like {@code POST /url}, in
 * order, and gets its own result: {@code {"url", "success": true, "sourceId", "status"}} or
 * {@code {"url", "success": false, "error": {"code", "message"}}} (plus the quota figures when a quota
 * refused it). Later URLs see the quota used by earlier ones; the same URL twice is accepted once.
 * The answer is 200 with the totals, even when some URLs failed.
 */
@Component
public class AcceptKnowledgeUrlBatch implements Processor {

    private static final Logger log = LoggerFactory.getLogger(AcceptKnowledgeUrlBatch.class);

    private final KnowledgeIntake intake;
    private final ObjectMapper mapper;
    private final int maxUrls;

    public AcceptKnowledgeUrlBatch(KnowledgeIntake intake, ObjectMapper mapper, HubProperties hub) {
        this.intake = intake;
        this.mapper = mapper;
        this.maxUrls = hub.ingest().maxBatchUrls();
    }

    @Override
    public void process(Exchange exchange) {
        JsonNode body = KnowledgeRequests.jsonObject(exchange, mapper);
        List<String> urls = KnowledgeRequests.requiredStrings(body, "urls", maxUrls);
        UUID organization = KnowledgeRequests.organization(exchange);
        UUID chatbot = KnowledgeRequests.chatbot(exchange);
        intake.requireChatbot(organization, chatbot);

        List<Map<String, Object>> results = new ArrayList<>(urls.size());
        Set<String> seen = new HashSet<>();
        int successful = 0;
        for (String url : urls) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", url);
            try {
                URI checked = intake.checkedUrl(url);
                if (!seen.add(checked.toString())) {
                    throw ApiError.badRequest("duplicate_url", "The same URL appears earlier in this batch");
                }
                KnowledgeIntake.Accepted accepted = intake.acceptCheckedUrl(organization, chatbot, checked, null);
                result.put("success", true);
                result.put("sourceId", accepted.source().id());
                result.put("status", accepted.source().status().dbValue());
                successful++;
            } catch (RuntimeException e) {
                if (KnowledgeApiErrors.translate(e) == null) {
                    log.warn("Batch URL of chatbot {} could not be accepted: {}", chatbot, e.toString());
                }
                result.put("success", false);
                result.put("error", KnowledgeApiErrors.errorObject(e));
            }
            results.add(result);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", urls.size());
        answer.put("successful", successful);
        answer.put("failed", urls.size() - successful);
        answer.put("results", results);
        exchange.getMessage().setBody(answer);
    }
}
