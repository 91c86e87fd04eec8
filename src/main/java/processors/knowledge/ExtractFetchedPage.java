package processors.knowledge;

import java.nio.charset.StandardCharsets;

import hub.ExchangeKeys;
import hub.knowledge.extract.DocumentExtractor;
import hub.knowledge.extract.DocumentType;
import hub.knowledge.fetch.FetchedPage;
import hub.knowledge.ingest.IngestionJob;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The text of a fetched page: the main text of HTML (navigation, scripts and boilerplate dropped),
 * or the document a URL serves (PDF, DOCX, Markdown, plain text). The type comes from the
 * Content-Type, else from the bytes; anything else fails the source with the sniffer's message.
 */
@Component
public record ExtractFetchedPage(DocumentExtractor extractor) implements Processor {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Override
    public void process(Exchange exchange) {
        IngestionJob job = exchange.getIn().getBody(IngestionJob.class);
        FetchedPage page = job.page();
        DocumentType type = switch (page.mediaType()) {
            case "text/html", "application/xhtml+xml" -> DocumentType.HTML;
            case "application/pdf" -> DocumentType.PDF;
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> DocumentType.DOCX;
            case "text/markdown", "text/x-markdown" -> DocumentType.MARKDOWN;
            case "text/plain" -> DocumentType.TEXT;
            default -> extractor.sniff(page.body(), lastSegment(page));
        };
        byte[] bytes = page.body();
        if (type == DocumentType.HTML || type == DocumentType.TEXT || type == DocumentType.MARKDOWN) {
            // decoded with the charset of the Content-Type (else BOM, <meta>, UTF-8), handed on as UTF-8 with a
            // BOM so that the extractor does not guess again
            byte[] utf8 = page.text().getBytes(StandardCharsets.UTF_8);
            bytes = new byte[UTF8_BOM.length + utf8.length];
            System.arraycopy(UTF8_BOM, 0, bytes, 0, UTF8_BOM.length);
            System.arraycopy(utf8, 0, bytes, UTF8_BOM.length, utf8.length);
        }
        exchange.setProperty(ExchangeKeys.EXTRACTED_DOCUMENT, extractor.extract(bytes, type, page.finalUrl().toString()));
    }

    private static String lastSegment(FetchedPage page) {
        String path = page.finalUrl().getPath();
        return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    }
}
