package hub.api.knowledge;

import io.swagger.v3.oas.annotations.media.Schema;

/** Chunks embedded so far out of the total ({@code total} unknown until the document is chunked). */
public record SourceProgress(int embedded, @Schema(nullable = true) Integer total) {
}
