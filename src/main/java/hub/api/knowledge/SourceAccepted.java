package hub.api.knowledge;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.store.SourceType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A source accepted for ingestion (202): it is stored and, when {@code queued}, on the ingestion queue;
 * {@code queued: false} means the broker did not take it now and the recovery sweep queues it within minutes.
 * {@code quota} is the quota it counted against, as it stood before.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SourceAccepted(UUID sourceId, @Schema(allowableValues = {"pending"}) String status, String type, String name,
                             @Schema(nullable = true) String url, long sizeBytes, QuotaCounted quota, boolean queued) {

    public static SourceAccepted of(KnowledgeIntake.Accepted accepted) {
        var source = accepted.source();
        var quota = accepted.quota();
        return new SourceAccepted(source.id(), source.status().dbValue(), source.type().dbValue(), source.name(),
                source.type() == SourceType.URL ? source.filePath() : null, source.fileSizeBytes(),
                new QuotaCounted(quota.quota(), quota.current(), quota.max(), quota.remaining()), accepted.queued());
    }
}
