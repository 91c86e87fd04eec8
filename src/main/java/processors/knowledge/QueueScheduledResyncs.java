package processors.knowledge;

import java.util.List;

import hub.config.HubProperties;
import hub.knowledge.ingest.IngestRequest;
import hub.knowledge.ingest.IngestionQueue;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.SourceRef;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The periodic re-sync of URL sources that asked for it ({@code resync_interval_hours}): each due source
 * is marked pending and queued on {@code knowledge.ingest} like a resync from the API (unchanged pages
 * are not re-embedded). The body becomes the number queued.
 */
@Component
public record QueueScheduledResyncs(KnowledgeSources sources, IngestionQueue queue,
                                    HubProperties hub) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(QueueScheduledResyncs.class);

    @Override
    public void process(Exchange exchange) {
        List<SourceRef> due = sources.claimDueResyncs(hub.jobs().batchSize());
        int queued = 0;
        for (SourceRef ref : due) {
            sources.markPending(ref);
            if (queue.queue(ref, IngestRequest.RESYNC, false)) {
                queued++;
            }
        }
        if (!due.isEmpty()) {
            log.info("Queued {} of {} URL sources due for their periodic re-sync", queued, due.size());
        }
        exchange.getMessage().setBody(queued);
    }
}
