package hub.api.alert;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** Something that went wrong or needs attention; repeats of the same alert raise {@code occurrence_count}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Alert(long id, @Schema(nullable = true) UUID chatbotId,
                    @Schema(allowableValues = {"QUOTA_EXCEEDED", "QUOTA_WARNING", "RATE_LIMIT_EXCEEDED", "LLM_FAILURE",
                            "DELIVERY_FAILURE", "TOOL_FAILURE", "RAG_FAILURE", "INGESTION_FAILURE", "WEBHOOK_FAILURE",
                            "SECURITY_WARNING", "OTHER"}) String type,
                    @Schema(allowableValues = {"info", "warning", "error", "critical"}) String severity, String message,
                    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            description = "Details of the alert; its keys depend on the alert type") Map<String, Object> metadata,
                    int occurrenceCount, OffsetDateTime lastSeenAt, boolean acknowledged,
                    @Schema(nullable = true) String acknowledgedBy, @Schema(nullable = true) OffsetDateTime acknowledgedAt,
                    OffsetDateTime createdAt) {
}
