package hub.knowledge.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A knowledge source with its sync state. Progress while processing: {@code chunksEmbedded} of
 * {@code chunksTotal} (null total until the document is chunked). {@code chunksCount} is the number
 * of searchable chunks. {@code embeddingModel}/{@code embeddingDimensions} are those of its chunks
 * (null when it has none). {@code errorCode} says why it failed (null for a source that failed before codes were kept).
 */
public record KnowledgeSource(
        UUID id, UUID organizationId, UUID chatbotId, SourceType type, String name, String filePath,
        String originalFilename, String contentType, String contentHash, long fileSizeBytes,
        SyncStatus status, String errorMessage, String errorCode, int chunksCount, Integer chunksTotal, int chunksEmbedded,
        String embeddingModel, Integer embeddingDimensions,
        Instant createdAt, Instant updatedAt, Instant lastSyncedAt, Instant processingStartedAt,
        Instant processingCompletedAt) {

    public SourceRef ref() {
        return new SourceRef(organizationId, chatbotId, id);
    }

    /** Seconds from processing start to completion; null unless both are known. */
    public Double processingTimeSeconds() {
        if (processingStartedAt == null || processingCompletedAt == null) {
            return null;
        }
        return Duration.between(processingStartedAt, processingCompletedAt).toMillis() / 1000.0;
    }
}
