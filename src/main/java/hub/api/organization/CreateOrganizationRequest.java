package hub.api.organization;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/admin/organizations}: a name; the plan tier ({@code free} by default) and quotas have
 * defaults. An organisation starts active.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateOrganizationRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(nullable = true) @Size(max = 64) @Pattern(regexp = SLUG, message = SLUG_RULE) String slug,
        @Schema(nullable = true, allowableValues = {"free", "starter", "pro", "enterprise"})
        @Pattern(regexp = PLAN_TIER, message = PLAN_TIER_RULE) String planTier,
        @Schema(nullable = true) @Min(0) Integer messageLimitMonthly,
        @Schema(nullable = true) @Min(0) Long tokenLimitMonthly,
        @Schema(nullable = true) @Min(0) Integer maxKnowledgePdfs,
        @Schema(nullable = true) @Min(0) Integer maxKnowledgeUrls,
        @Schema(nullable = true) @Min(0) Integer maxKnowledgeIngestionsPerDay,
        @Schema(nullable = true) @Min(0) Integer maxKnowledgeStorageMb) {

    public static final String SLUG = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";
    public static final String SLUG_RULE = "must be lower-case letters, digits and dashes";
    public static final String PLAN_TIER = "free|starter|pro|enterprise";
    public static final String PLAN_TIER_RULE = "must be one of free, starter, pro, enterprise";
}
