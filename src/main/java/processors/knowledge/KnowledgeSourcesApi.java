package processors.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.api.KnowledgeRequests;
import hub.knowledge.api.KnowledgeViews;
import hub.knowledge.ingest.IngestRequest;
import hub.knowledge.ingest.IngestionQueue;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.KnowledgeSource;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.Page;
import hub.knowledge.store.SourceRef;
import hub.knowledge.store.SourceType;
import hub.knowledge.store.SyncStatus;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The knowledge sources of a chatbot: list, read, resync, delete, and the organisation's quota.
 * One small method per endpoint; every statement is scoped by the caller's organisation and the
 * chatbot of the path, so another organisation's chatbot or source is 404.
 */
@Component
public class KnowledgeSourcesApi {

    private final KnowledgeSources sources;
    private final KnowledgeIntake intake;
    private final IngestionQueue queue;
    private final ObjectMapper mapper;

    public KnowledgeSourcesApi(KnowledgeSources sources, KnowledgeIntake intake, IngestionQueue queue, ObjectMapper mapper) {
        this.sources = sources;
        this.intake = intake;
        this.queue = queue;
        this.mapper = mapper;
    }

    /** {@code GET /sources?page=1&size=20&status=&type=}: newest first, with the total and the page count. */
    public void list(Exchange exchange) {
        int page = KnowledgeRequests.queryInt(exchange, "page", 1, 1, 1_000_000);
        int size = KnowledgeRequests.queryInt(exchange, "size", 20, 1, 100);
        SyncStatus status = KnowledgeRequests.queryEnum(exchange, "status", SyncStatus.class);
        SourceType type = KnowledgeRequests.queryEnum(exchange, "type", SourceType.class);
        var organization = KnowledgeRequests.organization(exchange);
        var chatbot = KnowledgeRequests.chatbot(exchange);
        intake.requireChatbot(organization, chatbot);
        Page<KnowledgeSource> result = sources.list(organization, chatbot, status, type, page, size);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", result.items().stream().map(KnowledgeViews::source).toList());
        answer.put("page", result.page());
        answer.put("size", result.size());
        answer.put("total", result.total());
        answer.put("totalPages", result.totalPages());
        exchange.getMessage().setBody(answer);
    }

    /** {@code GET /sources/{sourceId}}: status, error, chunk count, progress, timings. */
    public void read(Exchange exchange) {
        exchange.getMessage().setBody(KnowledgeViews.source(find(KnowledgeRequests.source(exchange))));
    }

    /**
     * {@code POST /sources/{sourceId}/resync} {@code {"force"?: true}}: processes the source again (the
     * stored original of a file, a fresh fetch of a URL); unchanged content is not re-embedded unless
     * forced. 202 at once; the current chunks stay searchable until the new ones replace them.
     */
    public void resync(Exchange exchange) {
        SourceRef ref = KnowledgeRequests.source(exchange);
        boolean force = hasBody(exchange) && KnowledgeRequests.optionalBoolean(
                KnowledgeRequests.jsonObject(exchange, mapper), "force");
        find(ref);
        sources.markPending(ref);
        boolean queued = queue.queue(ref, IngestRequest.RESYNC, force);
        KnowledgeSource source = find(ref);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sourceId", source.id());
        answer.put("status", source.status().dbValue());
        answer.put("queued", queued);
        exchange.getMessage().setBody(answer);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }

    /** {@code DELETE /sources/{sourceId}}: the source, its chunks and its stored content; its quota is given back. */
    public void delete(Exchange exchange) {
        SourceRef ref = KnowledgeRequests.source(exchange);
        if (!sources.delete(ref)) {
            throw KnowledgeNotFoundException.source();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sourceId", ref.sourceId());
        answer.put("deleted", true);
        exchange.getMessage().setBody(answer);
    }

    /** {@code GET /quota}: documents, URLs, storage and today's ingestions, each with current, max, remaining. */
    public void quota(Exchange exchange) {
        exchange.getMessage().setBody(KnowledgeViews.quota(sources.quota(KnowledgeRequests.organization(exchange),
                KnowledgeRequests.chatbot(exchange)).orElseThrow(KnowledgeNotFoundException::chatbot)));
    }

    private KnowledgeSource find(SourceRef ref) {
        return sources.find(ref).orElseThrow(KnowledgeNotFoundException::source);
    }

    private static boolean hasBody(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body != null && body.length > 0) {
            exchange.getIn().setBody(body);
            return new String(body, java.nio.charset.StandardCharsets.UTF_8).strip().length() > 0;
        }
        return false;
    }
}
