package processors.knowledge;

import java.util.List;

import hub.knowledge.extract.Chunk;
import hub.knowledge.extract.Chunker;
import hub.knowledge.extract.ExtractionException.Reason;
import hub.knowledge.extract.ExtractionException;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Cuts the document into overlapping passages (hub.ingest.chunk-size / chunk-overlap) with their
 * metadata (index, source type and name, page, URL, heading), and publishes the total for progress.
 */
@Component
public record ChunkDocument(Chunker chunker, KnowledgeSources sources) implements Processor {

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        List<Chunk> chunks = chunker.chunk(job.document(), job.type().dbValue(), job.source().name(), job.url());
        if (chunks.isEmpty()) {
            throw new ExtractionException(Reason.NO_TEXT, "The document contains no text.");
        }
        job.chunked(chunks);
        sources.progress(job.ref(), 0, chunks.size());
    }
}
