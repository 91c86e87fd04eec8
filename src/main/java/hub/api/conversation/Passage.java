package hub.api.conversation;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A knowledge passage the retrieval gave the agent: the chunk, its source (name, page of a document or
 * URL of a web page) and its score (cosine similarity, or the scaled rank of a full-text match; 0..1).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Passage(@Schema(nullable = true) UUID chunkId, @Schema(nullable = true) UUID sourceId,
                     @Schema(nullable = true) String sourceName, @Schema(nullable = true) Integer page,
                     @Schema(nullable = true) String url, double score) {
}
