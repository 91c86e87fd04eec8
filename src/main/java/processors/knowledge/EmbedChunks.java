package processors.knowledge;

import java.util.ArrayList;
import java.util.List;

import hub.config.HubProperties;
import hub.knowledge.embed.Embedder;
import hub.knowledge.extract.Chunk;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Embeds the chunks in batches (hub.embeddings.batch-size) with the configured model, recording the
 * progress (chunks embedded / total) after each batch so that {@code GET /sources/{id}} shows it.
 * Nothing is stored yet: a failure here leaves the previous chunks in place.
 */
@Component
public class EmbedChunks implements Processor {

    private final Embedder embedder;
    private final KnowledgeSources sources;
    private final int batchSize;

    public EmbedChunks(Embedder embedder, KnowledgeSources sources, HubProperties hub) {
        this.embedder = embedder;
        this.sources = sources;
        this.batchSize = Math.max(1, hub.embeddings().batchSize());
    }

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        List<Chunk> chunks = job.chunks();
        List<float[]> vectors = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += batchSize) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("ingestion interrupted (the hub is stopping)");
            }
            List<String> texts = chunks.subList(from, Math.min(from + batchSize, chunks.size())).stream()
                    .map(Chunk::text).toList();
            vectors.addAll(embedder.embed(texts));
            sources.progress(job.ref(), vectors.size(), chunks.size());
        }
        job.embedded(vectors);
    }
}
