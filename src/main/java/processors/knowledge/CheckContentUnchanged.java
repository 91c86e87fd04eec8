package processors.knowledge;

import hub.ExchangeKeys;
import hub.config.HubProperties;
import hub.knowledge.embed.Embedder;
import hub.knowledge.extract.ExtractedDocument;
import hub.knowledge.ingest.ContentFingerprint;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeSources;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Fingerprints the extracted text ({@link ContentFingerprint}) and decides whether the source's chunks
 * are already what processing would produce: same fingerprint, same embedding model, chunks present.
 * Then it is not re-embedded (unless the request forces it).
 */
@Component
public record CheckContentUnchanged(KnowledgeSources sources, Embedder embedder,
                                    HubProperties hub) implements Processor {

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        ExtractedDocument document = exchange.getProperty(ExchangeKeys.EXTRACTED_DOCUMENT, ExtractedDocument.class);
        exchange.removeProperty(ExchangeKeys.EXTRACTED_DOCUMENT);
        String hash = ContentFingerprint.of(document, hub.ingest().chunkSize(), hub.ingest().chunkOverlap());
        job.extracted(document, hash);
        job.unchanged(!job.request().force() && sources.isUnchanged(job.ref(), hash, embedder.model()));
    }
}
