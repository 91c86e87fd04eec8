package routes;

import java.util.List;

import hub.api.knowledge.AddUrlRequest;
import hub.api.knowledge.CrawlResult;
import hub.api.knowledge.CrawlSiteRequest;
import hub.api.knowledge.IngestBatchRequest;
import hub.api.knowledge.KnowledgeQuota;
import hub.api.knowledge.KnowledgeSearchResults;
import hub.api.knowledge.KnowledgeSource;
import hub.api.knowledge.KnowledgeSourcePage;
import hub.api.knowledge.ReembeddingRun;
import hub.api.knowledge.ResyncQueued;
import hub.api.knowledge.ResyncSchedule;
import hub.api.knowledge.ResyncSourceRequest;
import hub.api.knowledge.ScheduleResyncRequest;
import hub.api.knowledge.SearchKnowledgeRequest;
import hub.api.knowledge.SourceAccepted;
import hub.api.knowledge.SourceDeleted;
import hub.api.knowledge.UploadKnowledgeRequest;
import hub.api.knowledge.UrlBatchResult;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.knowledge.KnowledgeSourcesApi;
import processors.knowledge.ReembedKnowledge;
import processors.knowledge.ScheduleSourceResync;

/**
 * The knowledge API of a chatbot, {@code /api/chatbots/{chatbotId}/knowledge/...}, scoped to the API
 * key's organisation (another organisation's chatbot or source is 404). Accepting knowledge answers
 * 202 once the source is stored and queued on {@code knowledge.ingest}; see {@link KnowledgeIngestRoutes}.
 * Plus the operator's re-embedding of a chatbot after a change of embedding model.
 */
@Component
public class KnowledgeApiRoutes extends ApiRoutes {

    private static final String NOT_ACCEPTING = "The chatbot is switched off or has RAG off (chatbot_disabled, rag_disabled)";

    private final KnowledgeSourcesApi sources;
    private final ScheduleSourceResync resyncSchedule;
    private final ReembedKnowledge reembed;

    public KnowledgeApiRoutes(KnowledgeSourcesApi sources, ScheduleSourceResync resyncSchedule, ReembedKnowledge reembed) {
        this.sources = sources;
        this.resyncSchedule = resyncSchedule;
        this.reembed = reembed;
    }

    /** The answers of an operation that adds a source: 202 with the source, or refused by the quota or a paused chatbot. */
    private static List<ResponseMessageDefinition> sourceAccepted() {
        return List.of(response(202, "Stored and queued for ingestion", SourceAccepted.class),
                refusal(403, "A knowledge quota is used up (quota_exceeded, with the quota's figures)"), refusal(409, NOT_ACCEPTING));
    }

    @Override
    protected void routes() {
        rest("/api/chatbots/{chatbotId}/knowledge").description("A chatbot's knowledge base")
                .post("/upload").id("api-knowledge-upload")
                    .description("Upload a PDF, DOCX, HTML, Markdown or text file (type decided from its bytes) for ingestion")
                    .consumes("multipart/form-data").type(UploadKnowledgeRequest.class)
                    .responseMessages(sourceAccepted())
                    .responseMessage(refusal(415, "Not multipart, or not a supported file type (unsupported_media_type)"))
                    .to(tenantJson("knowledge-upload", "acceptKnowledgeUpload", "accept-upload"))
                .post("/url").id("api-knowledge-url")
                    .description("Ingest a web page or a document served at a URL; the page is fetched by the ingestion route")
                    .type(AddUrlRequest.class)
                    .responseMessages(sourceAccepted())
                    .responseMessage(refusal(422, "The URL's host name is not found (unreachable)"))
                    .to(tenantJson("knowledge-url", "acceptKnowledgeUrl", "accept-url"))
                .post("/ingest-batch").id("api-knowledge-ingest-batch")
                    .description("Ingest several URLs, each with its own result, in input order")
                    .type(IngestBatchRequest.class).outType(UrlBatchResult.class)
                    .responseMessage(refusal(409, NOT_ACCEPTING))
                    .to(tenantJson("knowledge-ingest-batch", "acceptKnowledgeUrlBatch", "accept-urls"))
                .post("/crawl").id("api-knowledge-crawl")
                    .description("List a site's pages worth ingesting, most relevant first; ingests nothing")
                    .type(CrawlSiteRequest.class).outType(CrawlResult.class)
                    .responseMessage(refusal(422, "The base page could not be read (http_error, unreachable, robots_disallowed, ...)"))
                    .responseMessage(refusal(504, "The crawl took too long (crawl_timeout)"))
                    .to(tenantJson("knowledge-crawl", "crawlSite", "crawl-site"))
                .post("/search").id("api-knowledge-search")
                    .description("The chatbot's best passages for a question: the same search the agent uses")
                    .type(SearchKnowledgeRequest.class).outType(KnowledgeSearchResults.class)
                    .to(tenantJson("knowledge-search", "searchKnowledge", "search-knowledge"))
                .get("/sources").id("api-knowledge-sources").description("The chatbot's knowledge sources, newest first")
                    .param().name("page").type(RestParamType.query).dataType("integer").description("From 1; default 1").endParam()
                    .param().name("size").type(RestParamType.query).dataType("integer").description("1 to 100; default 20").endParam()
                    .param().name("status").type(RestParamType.query).dataType("string")
                        .allowableValues("pending", "processing", "synced", "failed").endParam()
                    .param().name("type").type(RestParamType.query).dataType("string")
                        .allowableValues("pdf", "doc", "docx", "html", "markdown", "text", "url").endParam()
                    .outType(KnowledgeSourcePage.class).to(tenantJson("knowledge-sources-list", sources::list, "list-sources"))
                .get("/sources/{sourceId}").id("api-knowledge-source")
                    .description("One source: status, error, chunks, progress, timings")
                    .outType(KnowledgeSource.class).to(tenantJson("knowledge-source-read", sources::read, "read-source"))
                .post("/sources/{sourceId}/resync").id("api-knowledge-source-resync")
                    .description("Process a source again (a file from its stored original, a URL fetched again); "
                            + "unchanged text is not re-embedded unless forced. The body is optional")
                    .type(ResyncSourceRequest.class)
                    .responseMessage(response(202, "Queued", ResyncQueued.class))
                    .to(tenantJson("knowledge-source-resync", sources::resync, "queue-resync"))
                .delete("/sources/{sourceId}").id("api-knowledge-source-delete")
                    .description("Delete a source, its chunks and its stored original; its quota is given back")
                    .outType(SourceDeleted.class).to(tenantJson("knowledge-source-delete", sources::delete, "delete-source"))
                .put("/sources/{sourceId}/schedule").id("api-knowledge-source-schedule")
                    .description("Re-sync a URL source every resync_interval_hours (null: never)")
                    .type(ScheduleResyncRequest.class).outType(ResyncSchedule.class)
                    .to(tenantJson("knowledge-source-schedule", resyncSchedule::schedule, "schedule-resync"))
                .get("/sources/{sourceId}/schedule").id("api-knowledge-source-schedule-read")
                    .description("A URL source's re-sync schedule")
                    .outType(ResyncSchedule.class)
                    .to(tenantJson("knowledge-source-schedule-read", resyncSchedule::read, "read-resync-schedule"))
                .get("/quota").id("api-knowledge-quota")
                    .description("The organisation's knowledge quotas: documents, URLs, today's ingestions, storage")
                    .outType(KnowledgeQuota.class).to(tenantJson("knowledge-quota", sources::quota, "read-quota"));

        rest("/api/admin/chatbots/{chatbotId}/knowledge").description("Re-embedding a chatbot's knowledge")
                .post("/reembed").id("api-admin-knowledge-reembed")
                    .description("Re-embed the chatbot's knowledge with the configured model, in the background")
                    .param().name("force").type(RestParamType.query).dataType("boolean")
                        .description("Also re-embed sources already on the model").endParam()
                    .responseMessage(response(202, "Started", ReembeddingRun.class))
                    .responseMessage(refusal(409, "A re-embedding of this chatbot is running (already_running)"))
                    .to(operatorJson("knowledge-reembed", reembed::start, "start-reembedding"))
                .get("/reembed").id("api-admin-knowledge-reembed-status")
                    .description("The chatbot's last re-embedding since the hub started")
                    .outType(ReembeddingRun.class).to(operatorJson("knowledge-reembed-status", reembed::status, "read-reembedding"));
    }
}
