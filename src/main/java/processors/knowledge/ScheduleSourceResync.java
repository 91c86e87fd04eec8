package processors.knowledge;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.api.KnowledgeRequests;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.SourceRef;
import hub.web.ApiError;
import hub.web.JsonRequest;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code PUT /api/chatbots/{chatbotId}/knowledge/sources/{sourceId}/schedule {"resync_interval_hours": 24}}:
 * a URL source asks to be fetched again periodically (null switches it off); the scheduled job
 * {@code knowledge-scheduled-resync} queues it when due. Only URL sources can ask (400 otherwise).
 */
@Component
public class ScheduleSourceResync {

    private static final Set<String> FIELDS = Set.of("resync_interval_hours");

    private final KnowledgeSources sources;
    private final ObjectMapper mapper;

    public ScheduleSourceResync(KnowledgeSources sources, ObjectMapper mapper) {
        this.sources = sources;
        this.mapper = mapper;
    }

    public void schedule(Exchange exchange) {
        SourceRef ref = KnowledgeRequests.source(exchange);
        JsonRequest body = JsonRequest.of(exchange, mapper, FIELDS);
        if (!body.present("resync_interval_hours")) {
            throw ApiError.badRequest("missing_field", "'resync_interval_hours' is required (null switches the re-sync off)");
        }
        Long hours = body.integer("resync_interval_hours", 1, 24 * 365);
        var source = sources.find(ref).orElseThrow(() -> ApiError.notFound("Knowledge source not found"));
        if (source.type() != hub.knowledge.store.SourceType.URL) {
            throw ApiError.badRequest("not_a_url_source", "Only URL sources can be re-synced on a schedule");
        }
        sources.scheduleResync(ref, hours == null ? null : hours.intValue());
        exchange.getMessage().setBody(sources.resyncSchedule(ref).orElseThrow());
    }

    public void read(Exchange exchange) {
        SourceRef ref = KnowledgeRequests.source(exchange);
        exchange.getMessage().setBody(sources.resyncSchedule(ref)
                .orElseThrow(() -> ApiError.notFound("Knowledge source not found")));
    }
}
