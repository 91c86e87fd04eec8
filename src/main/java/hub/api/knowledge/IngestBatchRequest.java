package hub.api.knowledge;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/chatbots/{id}/knowledge/ingest-batch}: URLs accepted one by one, in order. */
public record IngestBatchRequest(
        @Schema(description = "At most hub.ingest.max-batch-urls (50) URLs") @NotEmpty List<@NotNull String> urls) {
}
