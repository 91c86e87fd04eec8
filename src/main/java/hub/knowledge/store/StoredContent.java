package hub.knowledge.store;

/** The original bytes of a source (an upload or the last fetched page) with their type and SHA-256 (hex). */
public record StoredContent(byte[] content, String contentType, String sha256) {
}
