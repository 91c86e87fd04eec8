package routes;

import java.util.UUID;

import hub.knowledge.api.KnowledgeReembedding;
import hub.web.ApiError;
import hub.web.PathParams;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.knowledge.AcceptKnowledgeUpload;
import processors.knowledge.AcceptKnowledgeUrl;
import processors.knowledge.AcceptKnowledgeUrlBatch;
import processors.knowledge.CrawlSite;
import processors.knowledge.DiscardUploadCopies;
import processors.api.JsonResponse;
import processors.knowledge.KnowledgeErrorResponder;
import processors.knowledge.KnowledgeSourcesApi;
import processors.api.OperatorScope;
import processors.knowledge.SearchKnowledge;
import processors.api.TenantScope;

/**
 * The knowledge API of a chatbot, {@code /api/chatbots/{chatbotId}/knowledge/...}, scoped to the API
 * key's organisation (another organisation's chatbot or source is 404). Accepting knowledge answers
 * 202 once the source is stored and queued on {@code knowledge.ingest}; see {@link KnowledgeIngestRoutes}.
 * Plus the operator's re-embedding of a chatbot after a change of embedding model.
 */
@Component
public class KnowledgeApiRoutes extends RouteBuilder {

    private final TenantScope tenantScope;
    private final OperatorScope operatorScope;
    private final JsonResponse jsonResponse;
    private final KnowledgeErrorResponder errorResponder;
    private final DiscardUploadCopies discardUploadCopies;
    private final AcceptKnowledgeUpload acceptUpload;
    private final AcceptKnowledgeUrl acceptUrl;
    private final AcceptKnowledgeUrlBatch acceptUrlBatch;
    private final CrawlSite crawlSite;
    private final SearchKnowledge searchKnowledge;
    private final KnowledgeSourcesApi sources;
    private final KnowledgeReembedding reembedding;

    public KnowledgeApiRoutes(TenantScope tenantScope, OperatorScope operatorScope, JsonResponse jsonResponse,
                              KnowledgeErrorResponder errorResponder, DiscardUploadCopies discardUploadCopies,
                              AcceptKnowledgeUpload acceptUpload, AcceptKnowledgeUrl acceptUrl,
                              AcceptKnowledgeUrlBatch acceptUrlBatch, CrawlSite crawlSite, SearchKnowledge searchKnowledge,
                              KnowledgeSourcesApi sources, KnowledgeReembedding reembedding) {
        this.tenantScope = tenantScope;
        this.operatorScope = operatorScope;
        this.jsonResponse = jsonResponse;
        this.errorResponder = errorResponder;
        this.discardUploadCopies = discardUploadCopies;
        this.acceptUpload = acceptUpload;
        this.acceptUrl = acceptUrl;
        this.acceptUrlBatch = acceptUrlBatch;
        this.crawlSite = crawlSite;
        this.searchKnowledge = searchKnowledge;
        this.sources = sources;
        this.reembedding = reembedding;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(errorResponder);

        rest("/api/chatbots/{chatbotId}/knowledge")
                .post("/upload").id("api-knowledge-upload").to("direct:knowledge-upload")
                .post("/url").id("api-knowledge-url").to("direct:knowledge-url")
                .post("/ingest-batch").id("api-knowledge-ingest-batch").to("direct:knowledge-ingest-batch")
                .post("/crawl").id("api-knowledge-crawl").to("direct:knowledge-crawl")
                .post("/search").id("api-knowledge-search").to("direct:knowledge-search")
                .get("/sources").id("api-knowledge-sources").to("direct:knowledge-sources")
                .get("/sources/{sourceId}").id("api-knowledge-source").to("direct:knowledge-source")
                .post("/sources/{sourceId}/resync").id("api-knowledge-source-resync").to("direct:knowledge-source-resync")
                .delete("/sources/{sourceId}").id("api-knowledge-source-delete").to("direct:knowledge-source-delete")
                .get("/quota").id("api-knowledge-quota").to("direct:knowledge-quota");

        rest("/api/admin/chatbots/{chatbotId}/knowledge")
                .post("/reembed").id("api-admin-knowledge-reembed").to("direct:knowledge-reembed")
                .get("/reembed").id("api-admin-knowledge-reembed-status").to("direct:knowledge-reembed-status");

        from("direct:knowledge-upload").routeId("knowledge-upload")
                .process(discardUploadCopies).id("discard-upload-copies")
                .process(tenantScope)
                .process(acceptUpload).id("accept-upload")
                .process(jsonResponse);

        from("direct:knowledge-url").routeId("knowledge-url")
                .process(tenantScope)
                .process(acceptUrl).id("accept-url")
                .process(jsonResponse);

        from("direct:knowledge-ingest-batch").routeId("knowledge-ingest-batch")
                .process(tenantScope)
                .process(acceptUrlBatch).id("accept-urls")
                .process(jsonResponse);

        from("direct:knowledge-crawl").routeId("knowledge-crawl")
                .process(tenantScope)
                .process(crawlSite).id("crawl-site")
                .process(jsonResponse);

        from("direct:knowledge-search").routeId("knowledge-search")
                .process(tenantScope)
                .process(searchKnowledge).id("search-knowledge")
                .process(jsonResponse);

        from("direct:knowledge-sources").routeId("knowledge-sources-list")
                .process(tenantScope)
                .process(sources::list).id("list-sources")
                .process(jsonResponse);

        from("direct:knowledge-source").routeId("knowledge-source-read")
                .process(tenantScope)
                .process(sources::read).id("read-source")
                .process(jsonResponse);

        from("direct:knowledge-source-resync").routeId("knowledge-source-resync")
                .process(tenantScope)
                .process(sources::resync).id("queue-resync")
                .process(jsonResponse);

        from("direct:knowledge-source-delete").routeId("knowledge-source-delete")
                .process(tenantScope)
                .process(sources::delete).id("delete-source")
                .process(jsonResponse);

        from("direct:knowledge-quota").routeId("knowledge-quota")
                .process(tenantScope)
                .process(sources::quota).id("read-quota")
                .process(jsonResponse);

        from("direct:knowledge-reembed").routeId("knowledge-reembed")
                .process(operatorScope)
                .process(exchange -> {
                    boolean force = "true".equalsIgnoreCase(exchange.getIn().getHeader("force", String.class));
                    exchange.getMessage().setBody(reembedding.start(chatbot(exchange), force).view());
                    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                }).id("start-reembedding")
                .process(jsonResponse);

        from("direct:knowledge-reembed-status").routeId("knowledge-reembed-status")
                .process(operatorScope)
                .process(exchange -> exchange.getMessage().setBody(reembedding.last(chatbot(exchange))
                        .orElseThrow(() -> ApiError.notFound("No re-embedding of this chatbot since the hub started"))
                        .view())).id("read-reembedding")
                .process(jsonResponse);
    }

    private static UUID chatbot(Exchange exchange) {
        return PathParams.uuid(exchange, "chatbotId", "Chatbot");
    }
}
