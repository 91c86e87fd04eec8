package processors.knowledge;

import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The content did not change: the source is synced again with the chunks and embeddings it has. */
@Component
public record MarkSyncedUnchanged(KnowledgeSources sources) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(MarkSyncedUnchanged.class);

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        sources.markSyncedUnchanged(job.ref(), job.contentHash());
        log.info("Knowledge source {} is unchanged: synced without re-embedding ({} ms)", job.ref().sourceId(),
                job.elapsedMillis());
    }
}
