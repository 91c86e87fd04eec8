package hub.conversation;

import java.util.UUID;

/**
 * A retrieved knowledge-base chunk; page, url and the chunk and source ids may be null (a passage found by the
 * text search of an older path, or a test's).
 */
public record KnowledgePassage(String content, String sourceName, Integer page, double similarity,
                               UUID chunkId, UUID sourceId, String url) {

    public KnowledgePassage(String content, String sourceName, Integer page, double similarity) {
        this(content, sourceName, page, similarity, null, null, null);
    }
}
