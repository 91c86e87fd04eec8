package hub.api.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.api.KnowledgeReembedding;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A re-embedding of a chatbot's knowledge: running, finished (with its figures; {@code failures} holds
 * "source id: message" for each source left on its old embeddings) or failed (with its error).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReembeddingRun(UUID chatbotId, String model,
                             @Schema(allowableValues = {"running", "finished", "finished_with_failures", "failed"}) String status,
                             Instant startedAt, @Schema(nullable = true) Instant finishedAt,
                             @Schema(nullable = true) Integer sources, @Schema(nullable = true) Integer reembedded,
                             @Schema(nullable = true) Integer skipped, @Schema(nullable = true) Integer failed,
                             @Schema(nullable = true) Long chunks, @Schema(nullable = true) Double chunksPerSecond,
                             @ArraySchema(arraySchema = @Schema(nullable = true)) List<String> failures, @Schema(nullable = true) String error) {

    public static ReembeddingRun of(KnowledgeReembedding.Run run) {
        var report = run.report();
        return report == null
                ? new ReembeddingRun(run.chatbotId(), run.model(), run.status(), run.startedAt(), run.finishedAt(),
                        null, null, null, null, null, null, null, run.error())
                : new ReembeddingRun(run.chatbotId(), run.model(), run.status(), run.startedAt(), run.finishedAt(),
                        report.sources(), report.reembedded(), report.skipped(), report.failed(), report.chunks(),
                        Math.round(report.chunksPerSecond() * 10) / 10.0, report.failures(), run.error());
    }
}
