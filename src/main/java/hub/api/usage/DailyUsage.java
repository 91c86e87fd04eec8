package hub.api.usage;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One day's billed replies, tokens, tool calls and estimated cost. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DailyUsage(LocalDate day, long messages, long tokensInput, long tokensOutput, long tokensTotal, long toolCalls,
                         BigDecimal estimatedCostUsd) {
}
