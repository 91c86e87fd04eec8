package hub.api.knowledge;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.store.Page;

/** One page of a chatbot's knowledge sources, newest first; pages start at 1. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeSourcePage(List<KnowledgeSource> items, int page, int size, long total, long totalPages) {

    public static KnowledgeSourcePage of(Page<hub.knowledge.store.KnowledgeSource> page) {
        return new KnowledgeSourcePage(page.items().stream().map(KnowledgeSource::of).toList(), page.page(), page.size(),
                page.total(), page.totalPages());
    }
}
