package processors.knowledge;

import hub.api.Rows;
import hub.api.knowledge.ResyncSchedule;
import hub.api.knowledge.ScheduleResyncRequest;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.SourceRef;
import hub.knowledge.store.SourceType;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code PUT /api/chatbots/{chatbotId}/knowledge/sources/{sourceId}/schedule {"resync_interval_hours": 24}}:
 * a URL source asks to be fetched again periodically (null switches it off); the scheduled job
 * {@code knowledge-scheduled-resync} queues it when due. Only URL sources can ask (400 otherwise).
 */
@Component
public record ScheduleSourceResync(KnowledgeSources sources, RequestBodies bodies) {

    public void schedule(Exchange exchange) {
        SourceRef ref = KnowledgeParams.source(exchange);
        Integer hours = bodies.read(exchange, ScheduleResyncRequest.class).resyncIntervalHours().orElse(null);
        var source = sources.find(ref).orElseThrow(KnowledgeNotFoundException::source);
        if (source.type() != SourceType.URL) {
            throw ApiError.badRequest("not_a_url_source", "Only URL sources can be re-synced on a schedule");
        }
        sources.scheduleResync(ref, hours);
        read(exchange);
    }

    public void read(Exchange exchange) {
        SourceRef ref = KnowledgeParams.source(exchange);
        exchange.getMessage().setBody(Rows.as(sources.resyncSchedule(ref).orElseThrow(KnowledgeNotFoundException::source),
                ResyncSchedule.class));
    }
}
