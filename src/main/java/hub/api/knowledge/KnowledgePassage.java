package hub.api.knowledge;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.store.KnowledgeSearch;
import io.swagger.v3.oas.annotations.media.Schema;

/** A passage of the knowledge base: its source, its text and where it was found (page, URL, heading when known). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgePassage(UUID chunkId, UUID sourceId, String sourceName, String sourceType, int chunkIndex, String content,
                      double score, @Schema(nullable = true, description = "Cosine similarity; none in a full-text search")
                      Double similarity, @Schema(nullable = true) Integer page, @Schema(nullable = true) String url,
                      @Schema(nullable = true) String heading) {

    public static KnowledgePassage of(KnowledgeSearch.Passage p) {
        return new KnowledgePassage(p.chunkId(), p.sourceId(), p.sourceName(), p.sourceType(), p.chunkIndex(), p.content(), p.score(),
                p.similarity(), p.page(), p.url(), p.heading());
    }
}
