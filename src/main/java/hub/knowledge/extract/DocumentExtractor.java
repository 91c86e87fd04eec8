package hub.knowledge.extract;

import hub.knowledge.extract.ExtractionException.Reason;

/**
 * Turns the bytes of an uploaded file or a fetched page into text: decides the type from the bytes,
 * reads it within {@link ExtractionLimits}, and reports every failure as an {@link ExtractionException}
 * whose message can be shown to the user.
 */
public final class DocumentExtractor {

    private final ExtractionLimits limits;
    private final DocumentTypeSniffer sniffer = new DocumentTypeSniffer();
    private final PdfExtractor pdf;
    private final DocxExtractor docx;
    private final HtmlExtractor html = new HtmlExtractor();
    private final TextExtractor text = new TextExtractor();

    public DocumentExtractor() {
        this(ExtractionLimits.defaults());
    }

    public DocumentExtractor(ExtractionLimits limits) {
        this.limits = limits;
        this.pdf = new PdfExtractor(limits);
        this.docx = new DocxExtractor(limits);
    }

    /**
     * An uploaded file: its type is decided from the bytes ({@code fileName} only tells Markdown from text).
     *
     * @throws UnsupportedDocumentException when the bytes are not a document we read
     * @throws ExtractionException          when the document cannot be read or holds no text
     */
    public ExtractedDocument extract(byte[] bytes, String fileName) {
        return extract(bytes, sniffer.sniff(bytes, fileName), null);
    }

    /**
     * Content whose type is already known, e.g. from the Content-Type of an HTTP response.
     *
     * @param baseUrl the page's address (resolves relative links in HTML); may be null
     * @throws ExtractionException when the document cannot be read or holds no text
     */
    public ExtractedDocument extract(byte[] bytes, DocumentType type, String baseUrl) {
        if (bytes == null || bytes.length == 0) {
            throw new ExtractionException(Reason.NO_TEXT, "The document contains no text.");
        }
        ExtractionBudget budget = new ExtractionBudget(limits);
        ExtractedDocument document;
        try {
            document = switch (type) {
                case PDF -> pdf.extract(bytes, budget);
                case DOCX -> docx.extract(bytes, budget);
                case HTML -> html.extract(bytes, baseUrl, budget);
                case MARKDOWN, TEXT -> text.extract(bytes, type, budget);
            };
        } catch (ExtractionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExtractionException(Reason.UNREADABLE,
                    "The document could not be read (" + Messages.reason(e) + ").", e);
        } catch (OutOfMemoryError e) {
            throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                    "The document is too large to read; split it into smaller files.");
        } catch (StackOverflowError e) {
            throw new ExtractionException(Reason.UNREADABLE,
                    "The document could not be read (its structure is nested too deeply).");
        }
        if (!document.hasText()) {
            throw new ExtractionException(Reason.NO_TEXT, "The document contains no text.");
        }
        return document;
    }

    /** The type of a file from its bytes, as {@link #extract(byte[], String)} decides it. */
    public DocumentType sniff(byte[] bytes, String fileName) {
        return sniffer.sniff(bytes, fileName);
    }
}
