package hub.api.organization;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An organisation: its plan tier, monthly quotas of the billing period [billing_period_start, billing_period_end)
 * and knowledge-base quotas. An inactive organisation's keys get 401 and its chatbots stop answering.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Organization(UUID id, String name, @Schema(nullable = true) String slug,
                           @Schema(allowableValues = {"free", "starter", "pro", "enterprise"}) String planTier,
                           boolean isActive, int messageLimitMonthly, long tokenLimitMonthly, LocalDate billingPeriodStart,
                           LocalDate billingPeriodEnd, int maxKnowledgePdfs, int maxKnowledgeUrls,
                           int maxKnowledgeIngestionsPerDay, int maxKnowledgeStorageMb, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {
}
