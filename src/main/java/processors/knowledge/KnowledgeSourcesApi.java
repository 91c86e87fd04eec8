package processors.knowledge;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import hub.api.knowledge.KnowledgeQuota;
import hub.api.knowledge.KnowledgeSource;
import hub.api.knowledge.KnowledgeSourcePage;
import hub.api.knowledge.ResyncQueued;
import hub.api.knowledge.ResyncSourceRequest;
import hub.api.knowledge.SourceDeleted;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.ingest.IngestRequest;
import hub.knowledge.ingest.IngestionQueue;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.SourceRef;
import hub.knowledge.store.SourceType;
import hub.knowledge.store.SyncStatus;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import processors.api.ApiParams;

/**
 * The knowledge sources of a chatbot: list, read, resync, delete, and the organisation's quota.
 * One small method per endpoint; every statement is scoped by the caller's organisation and the
 * chatbot of the path, so another organisation's chatbot or source is 404.
 */
@Component
public record KnowledgeSourcesApi(KnowledgeSources sources, KnowledgeIntake intake, IngestionQueue queue,
                                  RequestBodies bodies, HubProperties hub) {

    /** {@code GET /sources?page=1&size=20&status=&type=}: newest first, with the total and the page count. */
    public void list(Exchange exchange) {
        int page = ApiParams.integer(exchange, "page", 1, 1, 1_000_000);
        int size = ApiParams.integer(exchange, "size", 20, 1, 100);
        SyncStatus status = choice(exchange, "status", SyncStatus.class);
        SourceType type = choice(exchange, "type", SourceType.class);
        UUID organization = ApiParams.organization(exchange);
        UUID chatbot = KnowledgeParams.chatbot(exchange);
        intake.requireChatbot(organization, chatbot);
        exchange.getMessage().setBody(KnowledgeSourcePage.of(sources.list(organization, chatbot, status, type, page, size)));
    }

    /** {@code GET /sources/{sourceId}}: status, error, chunk count, progress, timings. */
    public void read(Exchange exchange) {
        exchange.getMessage().setBody(KnowledgeSource.of(find(KnowledgeParams.source(exchange))));
    }

    /**
     * {@code POST /sources/{sourceId}/resync} {@code {"force"?: true}}: processes the source again (the
     * stored original of a file, a fresh fetch of a URL); unchanged content is not re-embedded unless
     * forced. 202 at once; the current chunks stay searchable until the new ones replace them.
     */
    public void resync(Exchange exchange) {
        SourceRef ref = KnowledgeParams.source(exchange);
        boolean force = Boolean.TRUE.equals(bodies.read(exchange, ResyncSourceRequest.class).force());
        find(ref);
        sources.markPending(ref);
        boolean queued = queue.queue(ref, IngestRequest.RESYNC, force);
        exchange.getMessage().setBody(new ResyncQueued(ref.sourceId(), find(ref).status().dbValue(), queued));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    }

    /** {@code DELETE /sources/{sourceId}}: the source, its chunks and its stored content; its quota is given back. */
    public void delete(Exchange exchange) {
        SourceRef ref = KnowledgeParams.source(exchange);
        if (!sources.delete(ref)) {
            throw KnowledgeNotFoundException.source();
        }
        exchange.getMessage().setBody(new SourceDeleted(ref.sourceId(), true));
    }

    /**
     * {@code GET /quota}: documents, URLs, storage and today's ingestions, each with current, max, remaining; and
     * the largest file an upload may carry.
     */
    public void quota(Exchange exchange) {
        exchange.getMessage().setBody(KnowledgeQuota.of(sources.quota(ApiParams.organization(exchange),
                KnowledgeParams.chatbot(exchange)).orElseThrow(KnowledgeNotFoundException::chatbot),
                hub.ingest().maxUploadSize()));
    }

    private hub.knowledge.store.KnowledgeSource find(SourceRef ref) {
        return sources.find(ref).orElseThrow(KnowledgeNotFoundException::source);
    }

    /** An optional query parameter naming one of an enum's values, in its lower-case spelling. */
    private static <E extends Enum<E>> E choice(Exchange exchange, String name, Class<E> type) {
        String value = ApiParams.text(exchange, name);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw ApiError.badRequest("invalid_parameter", name + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
