package hub.api.knowledge;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.knowledge.store.SourceType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A knowledge source as the API shows it: {@code url} for a URL source, {@code file_name} for an upload;
 * {@code error} says why it failed, for its owner, and {@code error_code} the same for a program; {@code embedding_model}
 * and {@code embedding_dimensions} are those of its chunks (none while it has none).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KnowledgeSource(
        UUID id, UUID chatbotId,
        @Schema(allowableValues = {"pdf", "doc", "docx", "html", "markdown", "text", "url"}) String type,
        String name, @Schema(nullable = true) String url, @Schema(nullable = true) String fileName,
        @Schema(nullable = true) String contentType, long sizeBytes,
        @Schema(allowableValues = {"pending", "processing", "synced", "failed"}) String status,
        @Schema(nullable = true) String error,
        @Schema(nullable = true, description = "Why it failed (none for a source that failed before codes were kept)",
                allowableValues = {"no_text", "password_protected", "unsupported_media_type", "unreadable", "document_too_large",
                    "original_missing", "invalid_url", "url_not_allowed", "unreachable", "timeout", "too_large",
                    "too_many_redirects", "http_error", "unsupported_content", "robots_disallowed", "off_site_redirect",
                    "interrupted", "embedding_failed", "processing_failed"}) String errorCode,
        int chunkCount, SourceProgress progress,
        @Schema(nullable = true) String embeddingModel, @Schema(nullable = true) Integer embeddingDimensions,
        @Schema(nullable = true) String contentHash, Instant createdAt, Instant updatedAt,
        @Schema(nullable = true) Instant lastSyncedAt, @Schema(nullable = true) Instant processingStartedAt,
        @Schema(nullable = true) Instant processingCompletedAt, @Schema(nullable = true) Double processingTimeSeconds) {

    public static KnowledgeSource of(hub.knowledge.store.KnowledgeSource s) {
        boolean url = s.type() == SourceType.URL;
        boolean chunked = s.chunksCount() > 0;
        return new KnowledgeSource(s.id(), s.chatbotId(), s.type().dbValue(), s.name(), url ? s.filePath() : null,
                url ? null : s.originalFilename(), s.contentType(), s.fileSizeBytes(), s.status().dbValue(), s.errorMessage(),
                s.errorCode(), s.chunksCount(), new SourceProgress(s.chunksEmbedded(), s.chunksTotal()),
                chunked ? s.embeddingModel() : null, chunked ? s.embeddingDimensions() : null, s.contentHash(),
                s.createdAt(), s.updatedAt(), s.lastSyncedAt(), s.processingStartedAt(), s.processingCompletedAt(),
                s.processingTimeSeconds());
    }
}
