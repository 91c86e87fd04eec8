package hub.api.knowledge;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The pages a crawl found, most relevant first, with the limits it ran with. Nothing is ingested. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CrawlResult(String baseUrl, int maxDepth, int maxPages, int totalDiscovered, double crawlTimeSeconds,
                          List<CrawledPage> pages) {
}
