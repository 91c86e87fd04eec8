package hub.knowledge.extract;

/** The bytes are not a kind of document the knowledge base reads (an image, an archive, a legacy .doc, ...). */
public class UnsupportedDocumentException extends ExtractionException {

    public UnsupportedDocumentException(String message) {
        super(Reason.UNSUPPORTED_MEDIA_TYPE, message);
    }
}
