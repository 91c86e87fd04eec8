package processors.knowledge;

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
public record EmbedChunks(Embedder embedder, KnowledgeSources sources, HubProperties hub) implements Processor {

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        List<Chunk> chunks = job.chunks();
        int batchSize = Math.max(1, hub.embeddings().batchSize());
        job.embedded(embedder.embed(chunks.stream().map(Chunk::text).toList(), batchSize, embedded -> {
            sources.progress(job.ref(), embedded, chunks.size());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("ingestion interrupted (the hub is stopping)");
            }
        }));
    }
}
