package hub.knowledge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.store.SourceRef;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Queues sources for ingestion: one record on {@code knowledge.ingest} per source, through the
 * {@code direct:knowledge-ingest-queue} route, acknowledged by the broker before this returns.
 * The source itself (and an upload's bytes) is already in PostgreSQL: when the broker cannot take the
 * record, the source stays pending and the recovery sweep queues it again later.
 */
@Component
public record IngestionQueue(ProducerTemplate producer, ObjectMapper mapper) {

    public static final String ENDPOINT = "direct:knowledge-ingest-queue";
    private static final Logger log = LoggerFactory.getLogger(IngestionQueue.class);

    /** Queues the request; false (logged) when the broker did not take it. */
    public boolean queue(IngestRequest request) {
        try {
            producer.sendBodyAndHeader(ENDPOINT, mapper.writeValueAsString(request), KafkaConstants.KEY,
                    request.sourceId().toString());
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            log.warn("Knowledge source {} could not be queued for ingestion now ({}); the recovery sweep will queue it again",
                    request.sourceId(), rootMessage(e));
            return false;
        }
    }

    public boolean queue(SourceRef ref, String reason, boolean force) {
        return queue(IngestRequest.of(ref, reason, force));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
