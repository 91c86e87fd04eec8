package hub.api.contact;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.api.conversation.Passage;
import hub.api.conversation.SentBy;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One message of a conversation: the customer's ({@code user}), the agent's ({@code assistant}) or a human
 * agent's ({@code agent}). Outbound messages carry their delivery status and times; an inbound message the
 * agent did not answer says why ({@code not_answered_reason}); an answered one lists the tools run for it.
 * {@code status} is the delivery tick of an outbound message, {@code sent_by} the person who sent it from the
 * console, {@code passages} the knowledge the agent was given for a reply. A voice note's {@code content} is empty
 * (it has no caption) and {@code transcript} is what the customer said.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConversationMessage(
        long id,
        @Schema(allowableValues = {"user", "assistant", "system", "tool", "agent"}) String role,
        @Schema(allowableValues = {"inbound", "outbound", "internal"}) String direction,
        String messageType, String content,
        @Schema(nullable = true, description = "wamid of an inbound message") String whatsappMessageId,
        @Schema(nullable = true, description = "wamid Meta returned for an outbound message") String outboundWhatsappMessageId,
        @Schema(nullable = true, allowableValues = {"pending", "sent", "delivered", "read", "failed"}) String deliveryStatus,
        @Schema(nullable = true) OffsetDateTime sentAt, @Schema(nullable = true) OffsetDateTime deliveredAt,
        @Schema(nullable = true) OffsetDateTime readAt, @Schema(nullable = true) OffsetDateTime failedAt,
        @Schema(nullable = true) String deliveryErrorCode, @Schema(nullable = true) String deliveryError,
        @Schema(nullable = true, allowableValues = {"manual_mode", "chatbot_inactive", "organization_inactive",
                "unknown_number", "quota_exceeded", "rate_limited", "too_long", "unsupported_type", "reaction", "empty_message",
                "processing_failed", "delivery_failed", "customer_rate_limit", "turn_timeout", "media_unreadable"})
        String notAnsweredReason,
        @Schema(nullable = true) List<MessageToolCall> toolCalls,
        @Schema(nullable = true) List<MessageToolResult> toolResults,
        int partIndex, @Schema(nullable = true) Long replyToMessageId, OffsetDateTime createdAt,
        List<MessageToolExecution> toolExecutions,
        @Schema(nullable = true, allowableValues = {"pending", "sent", "delivered", "read", "failed"},
                description = "Delivery of an outbound message; null for others") String status,
        @Schema(nullable = true) SentBy sentBy,
        @Schema(nullable = true) List<Passage> passages,
        @Schema(nullable = true, description = "a voice note as the transcription provider heard it") String transcript) {
}
