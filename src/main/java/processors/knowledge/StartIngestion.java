package processors.knowledge;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.knowledge.ingest.IngestRequest;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeSource;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.SyncStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * First step of ingestion: turns the request into an {@link IngestionJob} and marks the source
 * processing (progress cleared, start stamped). A source deleted meanwhile is skipped, and so is a
 * recovery request for a source that finished or is making progress elsewhere.
 */
@Component
public record StartIngestion(KnowledgeSources sources, HubProperties hub, ObjectMapper mapper) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(StartIngestion.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        IngestRequest request = mapper.readValue(exchange.getIn().getBody(String.class), IngestRequest.class);
        IngestionJob job = new IngestionJob(request);
        exchange.getMessage().setBody(job);

        Optional<KnowledgeSource> found = sources.find(request.ref());
        if (found.isEmpty()) {
            log.info("Knowledge source {} was deleted before it was ingested", request.sourceId());
            job.skip();
            return;
        }
        KnowledgeSource source = found.get();
        if (IngestRequest.RECOVERY.equals(request.reason()) && !stalled(source)) {
            log.debug("Knowledge source {} is {} already: recovery request dropped", source.id(), source.status());
            job.skip();
            return;
        }
        if (!sources.markProcessing(request.ref())) {
            job.skip();
            return;
        }
        job.start(source);
        log.info("Ingesting knowledge source {} ({} '{}') of chatbot {} [{}]", source.id(), source.type().dbValue(),
                source.name(), source.chatbotId(), request.reason());
    }

    /** Still pending, or processing without progress for longer than the requeue delay. */
    private boolean stalled(KnowledgeSource source) {
        if (source.status() == SyncStatus.PENDING) {
            return true;
        }
        return source.status() == SyncStatus.PROCESSING && source.updatedAt() != null
                && source.updatedAt().isBefore(Instant.now().minus(hub.ingest().requeueAfter()));
    }
}
