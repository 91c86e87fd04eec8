package hub.api.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.fetch.DiscoveredPage;
import io.swagger.v3.oas.annotations.media.Schema;

/** A page found by a crawl: relevance 0..1 from the keywords in its title and path, minus its depth. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CrawledPage(String url, String title, double relevanceScore, int depth, String preview,
                          @Schema(description = "Whether to ingest it by default") boolean suggested) {

    public static CrawledPage of(DiscoveredPage page) {
        return new CrawledPage(page.url(), page.title(), page.relevanceScore(), page.depth(), page.preview(), page.suggested());
    }
}
