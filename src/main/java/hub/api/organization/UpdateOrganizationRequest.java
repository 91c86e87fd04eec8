package hub.api.organization;

import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/admin/organizations/{id}}: fields left out stay as they are; none can be null.
 * {@code is_active} switches the organisation on or off.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateOrganizationRequest(
        Optional<@Size(min = 1, max = 200) String> name,
        Optional<@Size(max = 64) @Pattern(regexp = CreateOrganizationRequest.SLUG,
                message = CreateOrganizationRequest.SLUG_RULE) String> slug,
        @Schema(allowableValues = {"free", "starter", "pro", "enterprise"})
        Optional<@Pattern(regexp = CreateOrganizationRequest.PLAN_TIER,
                message = CreateOrganizationRequest.PLAN_TIER_RULE) String> planTier,
        Optional<@Min(0) Integer> messageLimitMonthly,
        Optional<@Min(0) Long> tokenLimitMonthly,
        Optional<@Min(0) Integer> maxKnowledgePdfs,
        Optional<@Min(0) Integer> maxKnowledgeUrls,
        Optional<@Min(0) Integer> maxKnowledgeIngestionsPerDay,
        Optional<@Min(0) Integer> maxKnowledgeStorageMb,
        Optional<Boolean> isActive) {
}
