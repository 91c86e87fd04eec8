package hub.knowledge.api;

import java.net.URI;
import java.util.UUID;

import hub.knowledge.extract.DocumentExtractor;
import hub.knowledge.extract.DocumentType;
import hub.knowledge.fetch.SafeFetcher;
import hub.knowledge.fetch.UrlNormalizer;
import hub.knowledge.ingest.IngestRequest;
import hub.knowledge.ingest.IngestionQueue;
import hub.knowledge.store.KnowledgeNotFoundException;
import hub.knowledge.store.KnowledgeSource;
import hub.knowledge.store.KnowledgeSources;
import hub.knowledge.store.NewSource;
import hub.knowledge.store.QuotaCheck;
import hub.knowledge.store.SourceType;
import hub.tenant.TenantRepository;
import org.springframework.stereotype.Component;

/**
 * Accepting knowledge: checks what can be checked at once (the chatbot is the caller's, the file type
 * from its bytes, the URL is allowed), then creates the source with its quota checks (the original
 * bytes stored in the same transaction) and queues it on {@code knowledge.ingest}. The work happens
 * asynchronously; this returns as soon as the source is durable.
 */
@Component
public record KnowledgeIntake(KnowledgeSources sources, TenantRepository tenants, DocumentExtractor extractor,
                              SafeFetcher fetcher, IngestionQueue queue) {

    /** A source accepted for ingestion, the quota it counted against (before it), and whether it reached the queue. */
    public record Accepted(KnowledgeSource source, QuotaCheck quota, boolean queued) {
    }

    /** 404 unless the chatbot belongs to the organisation. */
    public void requireChatbot(UUID organizationId, UUID chatbotId) {
        if (tenants.chatbot(organizationId, chatbotId).isEmpty()) {
            throw KnowledgeNotFoundException.chatbot();
        }
    }

    /**
     * An uploaded file. Its type is decided from the bytes (the file name only tells Markdown from text).
     *
     * @throws hub.knowledge.extract.UnsupportedDocumentException not a PDF, DOCX, HTML, Markdown or text file
     */
    public Accepted upload(UUID organizationId, UUID chatbotId, String name, String fileName, String contentType,
                           byte[] bytes) {
        requireChatbot(organizationId, chatbotId);
        DocumentType type = extractor.sniff(bytes, fileName);
        String sourceName = name != null && !name.isBlank() ? name.strip()
                : fileName != null && !fileName.isBlank() ? fileName.strip() : "Uploaded " + type.wireName();
        KnowledgeSources.Created created = sources.create(NewSource.upload(organizationId, chatbotId,
                SourceType.fromDb(type.wireName()), sourceName, fileName, contentType, bytes));
        boolean queued = queue.queue(created.source().ref(), IngestRequest.UPLOAD, false);
        return new Accepted(created.source(), created.quota(), queued);
    }

    /**
     * A web page (or a document served at a URL), fetched by the ingestion route.
     *
     * @throws hub.knowledge.fetch.FetchException invalid URL, not http(s), not a public host (unless
     *                                            private networks are allowed), unknown host
     */
    public Accepted url(UUID organizationId, UUID chatbotId, String url, String name) {
        requireChatbot(organizationId, chatbotId);
        return acceptCheckedUrl(organizationId, chatbotId, checkedUrl(url), name);
    }

    /** A URL that passed {@link #checkedUrl} for a chatbot that passed {@link #requireChatbot}. */
    public Accepted acceptCheckedUrl(UUID organizationId, UUID chatbotId, URI url, String name) {
        KnowledgeSources.Created created = sources.create(NewSource.url(organizationId, chatbotId, url.toString(), name));
        boolean queued = queue.queue(created.source().ref(), IngestRequest.URL, false);
        return new Accepted(created.source(), created.quota(), queued);
    }

    /** The normalised URL, once the fetcher's checks (scheme, host, addresses) pass. */
    public URI checkedUrl(String url) {
        URI parsed = UrlNormalizer.parse(url);
        fetcher.checkAllowed(parsed);  // before normalising, which would drop user info instead of refusing it
        return UrlNormalizer.normalize(parsed);
    }
}
