package hub.knowledge.extract;

import java.util.Map;

/**
 * One passage to embed and store.
 *
 * @param index    position in the document, 0..n-1
 * @param text     the passage, whitespace collapsed to single spaces
 * @param metadata chunk_index, source_type, source_name, and page, url, heading when known
 */
public record Chunk(int index, String text, Map<String, Object> metadata) {
}
