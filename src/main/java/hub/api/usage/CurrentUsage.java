package hub.api.usage;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The current billing period [period_start, period_end): messages and tokens used against the plan's limits,
 * in percent (null with a limit of 0), and the estimated cost. Only delivered replies count.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CurrentUsage(LocalDate periodStart, LocalDate periodEnd, int messagesUsed, int messageLimit, long tokensUsed,
                           long tokenLimit, BigDecimal estimatedCostUsd, @Schema(nullable = true) BigDecimal messageUsagePct,
                           @Schema(nullable = true) BigDecimal tokenUsagePct,
                           @Schema(allowableValues = {"free", "starter", "pro", "enterprise"}) String planTier) {
}
