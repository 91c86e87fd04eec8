package hub.api.knowledge;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/chatbots/{id}/knowledge/crawl}: the site to explore. Depth and pages are capped by
 * {@code hub.ingest.crawl-max-depth} and {@code crawl-max-pages}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CrawlSiteRequest(
        @NotBlank @Size(max = 2048) String baseUrl,
        @Schema(description = "Links followed from the base URL; default 2") @Min(0) @Max(1000) Integer maxDepth,
        @Schema(description = "Pages looked at; default 50") @Min(1) @Max(100_000) Integer maxPages,
        @Schema(description = "Words that make a page relevant (title and path); default faq, docs, documentation, support, "
                + "help, about, guide, tutorial, api, reference; [] for none")
        @Size(max = 100) List<@NotNull @Size(max = 100) String> filterKeywords) {
}
