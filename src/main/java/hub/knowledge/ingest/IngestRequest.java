package hub.knowledge.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import hub.knowledge.store.SourceRef;

/**
 * A record on {@code knowledge.ingest}: process this source now. Keyed by the source id, so the
 * requests of one source are handled in order while different sources spread over the partitions.
 *
 * @param reason      why: {@code upload}, {@code url}, {@code resync} or {@code recovery} (queued again
 *                    after it stalled); a recovery request is dropped when the source finished meanwhile
 * @param force       re-embed even when the content did not change
 * @param requestedAt when it was queued
 */
public record IngestRequest(UUID organizationId, UUID chatbotId, UUID sourceId, String reason, boolean force,
                            Instant requestedAt) {

    public static final String UPLOAD = "upload";
    public static final String URL = "url";
    public static final String RESYNC = "resync";
    public static final String RECOVERY = "recovery";

    public IngestRequest {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(sourceId, "sourceId");
        reason = reason == null ? UPLOAD : reason;
        requestedAt = requestedAt == null ? Instant.now() : requestedAt;
    }

    public static IngestRequest of(SourceRef ref, String reason, boolean force) {
        return new IngestRequest(ref.organizationId(), ref.chatbotId(), ref.sourceId(), reason, force, Instant.now());
    }

    public SourceRef ref() {
        return new SourceRef(organizationId, chatbotId, sourceId);
    }
}
