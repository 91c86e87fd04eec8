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
 * The recovery sweep: sources still pending, or processing without progress, for longer than
 * {@code hub.ingest.requeue-after} (their record never reached the broker, or the instance that was
 * processing them stopped) are queued again. A recovery request is dropped by the consumer when the
 * source finished meanwhile, so a source that is merely slow costs a lookup, not a second run.
 */
@Component
public record RequeueUnfinishedSources(KnowledgeSources sources, IngestionQueue queue,
                                       HubProperties hub) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(RequeueUnfinishedSources.class);
    private static final int BATCH = 100;

    @Override
    public void process(Exchange exchange) {
        List<SourceRef> stalled = sources.unfinished(hub.ingest().requeueAfter(), BATCH);
        int queued = 0;
        for (SourceRef ref : stalled) {
            if (queue.queue(ref, IngestRequest.RECOVERY, false)) {
                queued++;
            }
        }
        if (!stalled.isEmpty()) {
            log.info("Queued {} of {} unfinished knowledge sources again", queued, stalled.size());
        }
        if (exchange != null) {
            exchange.getMessage().setBody(queued);
        }
    }
}
