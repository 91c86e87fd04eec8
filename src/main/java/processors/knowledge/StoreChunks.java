package processors.knowledge;

import java.util.ArrayList;
import java.util.List;

import hub.knowledge.embed.Embedder;
import hub.knowledge.extract.Chunk;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.ChunkToStore;
import hub.knowledge.store.KnowledgeSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replaces the source's chunks with the new ones and marks it synced, in one transaction: until it
 * commits, searches see the previous chunks. A URL's fetched page is kept as the source's content.
 */
@Component
public record StoreChunks(KnowledgeSources sources, Embedder embedder) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(StoreChunks.class);

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        List<Chunk> chunks = job.chunks();
        List<float[]> vectors = job.embeddings();
        List<ChunkToStore> rows = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            rows.add(new ChunkToStore(chunks.get(i).text(), vectors.get(i), chunks.get(i).metadata()));
        }
        int stored = sources.replaceChunks(job.ref(), rows, embedder.model(), embedder.dimensions(), job.contentHash());
        if (job.page() != null) {
            sources.storeContent(job.ref(), job.page().body(), job.page().contentType());
        }
        long millis = job.elapsedMillis();
        long embedding = job.embeddingMillis();
        log.info("Knowledge source {} synced: {} chunks in {} ms (read and chunked in {} ms, embedded with {} in {} ms = {} "
                        + "chunks/s, stored in {} ms)", job.ref().sourceId(), stored, millis, job.preparationMillis(),
                embedder.model(), embedding, embedding == 0 ? stored : Math.round(stored * 1000.0 / embedding),
                millis - job.preparationMillis() - embedding);
    }
}
