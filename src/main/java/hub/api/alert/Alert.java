package hub.api.alert;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** Something that went wrong or needs attention; repeats of the same alert raise {@code occurrence_count}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Alert(long id,
                    @Schema(nullable = true, description = "null: an alert of the hub itself (operator API only)") UUID organizationId,
                    @Schema(nullable = true) UUID chatbotId,
                    @Schema(allowableValues = {"QUOTA_EXCEEDED", "QUOTA_WARNING", "RATE_LIMIT_EXCEEDED", "LLM_FAILURE",
                            "DELIVERY_FAILURE", "TOOL_FAILURE", "RAG_FAILURE", "INGESTION_FAILURE", "WEBHOOK_FAILURE",
                            "SECURITY_WARNING", "OTHER"}) String type,
                    @Schema(nullable = true,
                            description = "What happened within the type; null for an alert raised before reasons were kept",
                            allowableValues = {"quota_exceeded", "quota_warning", "hourly_limit", "customer_rate_limit",
                                    "llm_failed", "llm_limit", "turn_timeout", "transcription_failed", "media_unusable",
                                    "send_failed", "resend_failed", "not_delivered", "meta_error", "message_parked",
                                    "message_stuck", "message_dropped", "unknown_number", "tool_paused",
                                    "billing_period_reset"}) String reason,
                    @Schema(allowableValues = {"info", "warning", "error", "critical"}) String severity,
                    @Schema(description = "The hub's description, in English") String message,
                    @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            description = "Details of the alert, snake_case keys that depend on the reason (for example "
                                    + "messages_used and message_limit); detail is a text that came from outside, such as a "
                                    + "provider's error") Map<String, Object> metadata,
                    int occurrenceCount, OffsetDateTime lastSeenAt, boolean acknowledged,
                    @Schema(nullable = true) String acknowledgedBy, @Schema(nullable = true) OffsetDateTime acknowledgedAt,
                    OffsetDateTime createdAt) {
}
