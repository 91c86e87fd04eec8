package hub.knowledge.ingest;

import hub.knowledge.extract.ExtractedDocument;
import hub.knowledge.extract.Section;
import hub.knowledge.store.ContentHash;

/**
 * The content hash of a source: SHA-256 of its extracted text (with pages and headings) and the
 * chunking settings. Same hash and same embedding model = the stored chunks are what processing would
 * produce again, so they are not re-embedded. Hashing the text rather than the bytes keeps a page
 * whose markup changed but whose text did not (a new cache-buster, a rotating ad) from being re-embedded.
 */
public final class ContentFingerprint {

    private ContentFingerprint() {
    }

    public static String of(ExtractedDocument document, int chunkSize, int chunkOverlap) {
        StringBuilder text = new StringBuilder(Math.max(64, document.characterCount() + 64))
                .append("v1|").append(chunkSize).append('|').append(chunkOverlap).append('|')
                .append(document.type().wireName()).append('\n');
        for (Section section : document.sections()) {
            text.append(section.page() == null ? "" : section.page()).append('\u0001')
                    .append(section.heading() == null ? "" : section.heading()).append('\u0001')
                    .append(section.text()).append('\u0002');
        }
        return ContentHash.sha256(text.toString());
    }
}
