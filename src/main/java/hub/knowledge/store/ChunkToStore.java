package hub.knowledge.store;

import java.util.Map;
import java.util.Objects;

/**
 * A chunk with its embedding, to store with {@link KnowledgeSources#replaceChunks}. Its index is its
 * position in the list. Metadata keys read back by search: {@code page} (int), {@code url},
 * {@code heading}; any other JSON-serialisable keys are kept.
 */
public record ChunkToStore(String content, float[] embedding, Map<String, Object> metadata) {

    public ChunkToStore {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(embedding, "embedding");
        metadata = metadata == null ? Map.of() : metadata;
    }
}
