package hub.api.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.store.QuotaReport;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.util.unit.DataSize;

/**
 * The organisation's knowledge quotas: documents, URLs, today's ingestions and storage, and the largest file one
 * upload may carry ({@code hub.ingest.max-upload-size}). {@code remaining} is not clamped: negative when a limit
 * was lowered below what is already stored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeQuota(KnowledgeQuotaUsage documents, KnowledgeQuotaUsage urls, KnowledgeQuotaUsage dailyIngestions,
                             KnowledgeStorageUsage storage,
                             @Schema(description = "The largest file one upload may carry, in bytes") long maxFileBytes) {

    public static KnowledgeQuota of(QuotaReport q, DataSize maxFile) {
        return new KnowledgeQuota(usage(q.documents()), usage(q.urls()), usage(q.dailyIngestions()),
                new KnowledgeStorageUsage(q.storage().currentBytes(), q.storage().currentMb(), q.storage().maxMb(),
                        q.storage().remainingMb()), maxFile.toBytes());
    }

    private static KnowledgeQuotaUsage usage(QuotaReport.Usage u) {
        return new KnowledgeQuotaUsage(u.current(), u.max(), u.remaining());
    }
}
