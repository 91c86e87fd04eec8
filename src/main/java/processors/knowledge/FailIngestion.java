package processors.knowledge;

import hub.knowledge.embed.EmbeddingException;
import hub.knowledge.extract.ExtractionException;
import hub.knowledge.fetch.FetchException;
import hub.knowledge.ingest.IngestRequest;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.KnowledgeSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Any failure of the ingestion route: the source becomes failed with a code and a message its owner can act on
 * (an extraction or fetch message as is, never a stack trace); its previous chunks stay searchable.
 * Logged once here. The route then goes on with the next source.
 */
@Component
public record FailIngestion(KnowledgeSources sources) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(FailIngestion.class);

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object body = exchange.getIn().getBody();
        IngestRequest request = body instanceof IngestionJob job ? job.request()
                : body instanceof IngestRequest r ? r : null;
        if (request == null) {
            log.warn("Unreadable knowledge ingestion record dropped: {}", cause == null ? "?" : cause.toString());
            return;
        }
        if (cause instanceof KnowledgeNotFoundException) {
            log.info("Knowledge source {} was deleted while it was ingested", request.sourceId());
            return;
        }
        String message = message(cause);
        if (isExpected(cause)) {
            log.warn("Knowledge source {} of chatbot {} failed: {}", request.sourceId(), request.chatbotId(), cause.getMessage());
        } else {
            log.error("Knowledge source {} of chatbot {} failed unexpectedly", request.sourceId(), request.chatbotId(), cause);
        }
        sources.markFailed(request.ref(), code(cause), message);
    }

    static boolean isExpected(Throwable cause) {
        return cause instanceof ExtractionException || cause instanceof FetchException || cause instanceof EmbeddingException;
    }

    /** The source's {@code error_code}: the extraction's or the fetch's reason, else how processing failed. */
    static String code(Throwable cause) {
        if (cause instanceof ExtractionException e) {
            return e.code();
        }
        if (cause instanceof FetchException e) {
            return e.code();
        }
        return cause instanceof EmbeddingException ? "embedding_failed" : "processing_failed";
    }

    /** What the source's owner reads in {@code error}. */
    static String message(Throwable cause) {
        if (cause instanceof ExtractionException || cause instanceof FetchException) {
            return cause.getMessage();
        }
        if (cause instanceof EmbeddingException) {
            return "The text could not be embedded; resync the source to try again.";
        }
        return "Processing failed unexpectedly; resync the source to try again.";
    }
}
