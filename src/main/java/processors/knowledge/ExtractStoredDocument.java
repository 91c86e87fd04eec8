package processors.knowledge;

import hub.ExchangeKeys;
import hub.knowledge.extract.DocumentExtractor;
import hub.knowledge.extract.DocumentType;
import hub.knowledge.extract.ExtractedDocument;
import hub.knowledge.extract.ExtractionException.Reason;
import hub.knowledge.extract.ExtractionException;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.StoredContent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads the text of an uploaded file from its original bytes, stored with the source (so a resync
 * works after a restart): PDF pages (page numbers kept), DOCX paragraphs, headings and tables, the
 * main text of HTML, Markdown and plain text as they are.
 */
@Component
public record ExtractStoredDocument(KnowledgeSources sources, DocumentExtractor extractor) implements Processor {

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        StoredContent stored = sources.content(job.ref()).orElseThrow(() -> new ExtractionException(Reason.ORIGINAL_MISSING, 
                "The original file is no longer stored; upload it again."));
        DocumentType type = switch (job.type()) {
            case PDF -> DocumentType.PDF;
            case DOCX -> DocumentType.DOCX;
            case HTML -> DocumentType.HTML;
            case MARKDOWN -> DocumentType.MARKDOWN;
            case TEXT -> DocumentType.TEXT;
            // legacy types: decide from the bytes like an upload
            default -> extractor.sniff(stored.content(), job.source().originalFilename());
        };
        ExtractedDocument document = extractor.extract(stored.content(), type, null);
        exchange.setProperty(ExchangeKeys.EXTRACTED_DOCUMENT, document);
    }
}
