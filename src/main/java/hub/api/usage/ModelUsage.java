package hub.api.usage;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Billed replies, tokens and estimated cost of one provider and model ({@code unknown} when not recorded). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelUsage(String provider, String modelName, long messages, long tokensTotal, BigDecimal estimatedCostUsd) {
}
