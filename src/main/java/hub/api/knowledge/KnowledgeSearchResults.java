package hub.api.knowledge;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.store.KnowledgeSearch;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The passages found, best first. {@code mode} is {@code text_only} when no chunk could be compared with the
 * question's embedding; {@code notice} then says why.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeSearchResults(String query, @Schema(allowableValues = {"hybrid", "text_only"}) String mode,
                            String embeddingModel, @Schema(nullable = true) String notice, int count,
                            List<KnowledgePassage> results) {

    public static KnowledgeSearchResults of(KnowledgeSearch.SearchResult result) {
        return new KnowledgeSearchResults(result.query(), result.mode().name().toLowerCase(Locale.ROOT), result.embeddingModel(),
                result.notice(), result.passages().size(), result.passages().stream().map(KnowledgePassage::of).toList());
    }
}
