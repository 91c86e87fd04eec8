package hub.api.knowledge;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.store.QuotaReport;

/**
 * The organisation's knowledge quotas: documents, URLs, today's ingestions and storage. {@code remaining} is
 * not clamped: negative when a limit was lowered below what is already stored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeQuota(KnowledgeQuotaUsage documents, KnowledgeQuotaUsage urls, KnowledgeQuotaUsage dailyIngestions,
                             KnowledgeStorageUsage storage) {

    public static KnowledgeQuota of(QuotaReport q) {
        return new KnowledgeQuota(usage(q.documents()), usage(q.urls()), usage(q.dailyIngestions()),
                new KnowledgeStorageUsage(q.storage().currentBytes(), q.storage().currentMb(), q.storage().maxMb(),
                        q.storage().remainingMb()));
    }

    private static KnowledgeQuotaUsage usage(QuotaReport.Usage u) {
        return new KnowledgeQuotaUsage(u.current(), u.max(), u.remaining());
    }
}
