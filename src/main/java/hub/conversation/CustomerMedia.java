package hub.conversation;

/**
 * What the hub read from a customer's voice note, image or document for one turn. Held in memory for the
 * turn only; the bytes of an image are never stored or logged.
 */
public sealed interface CustomerMedia {

    /** A voice note as the transcription provider heard it. */
    record Transcript(String text) implements CustomerMedia {
    }

    /** An image for a model that accepts images. */
    record Image(String mimeType, byte[] bytes) implements CustomerMedia {

        @Override
        public String toString() {
            return "Image[" + mimeType + ", " + bytes.length + " bytes]";
        }
    }

    /** The text of a PDF or DOCX, cut to {@code hub.media.document-max-chars}. */
    record Document(String fileName, String text, boolean cut) implements CustomerMedia {

        @Override
        public String toString() {
            return "Document[" + text.length() + " characters]";
        }
    }
}
