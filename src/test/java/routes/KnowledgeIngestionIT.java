package routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.knowledge.TestDocuments;
import hub.knowledge.TestDocuments.Heading;
import hub.knowledge.TestDocuments.Paragraph;
import hub.knowledge.TestDocuments.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Knowledge ingestion end to end, through the API of a running hub: uploads (PDF, DOCX) and URLs go
 * through kafka:knowledge.ingest, the extractors, the local embedding model and pgvector, and are
 * found by a paraphrased question through {@code POST /search}. A WireMock fixture site plays the web:
 * <pre>
 * /robots.txt          Disallow: /private, Sitemap: /sitemap.xml
 * /sitemap.xml         /, /help/shipping (only linked from the sitemap)
 * /                    home "Trailmaster Outdoor": links to /help/returns, /help/warranty, /about, /private/staff, /blog/spring
 * /help/*, /about, /blog/spring, /private/staff (disallowed)
 * /docs/tent-guide.pdf a PDF served at a URL
 * /pages/*             pages for the URL tests (stable, flaky, ...)
 * </pre>
 */
@IntegrationTest
class KnowledgeIngestionIT {

    static final String HTML = "text/html; charset=utf-8";
    static final List<String> TENT_GUIDE = List.of(
            "Warranty\n\nEvery Trailmaster tent is covered by a two-year warranty against manufacturing defects. If a seam "
                    + "splits or a pole breaks during normal use within two years of purchase, we repair or replace the tent "
                    + "free of charge. Keep your receipt as proof of purchase.",
            "Caring for your tent\n\nNever pack the tent away wet: mildew can grow on damp fabric within 48 hours. Dry it in "
                    + "the shade, brush off sand and clean the fabric with lukewarm water and mild soap. Do not put it in a "
                    + "washing machine.",
            "Pitching the tent\n\nChoose flat ground, lay out the footprint, insert the colour-coded poles into the matching "
                    + "sleeves and stake the corners at a 45 degree angle. Two people can pitch it in about ten minutes.",
            "Wind and rain\n\nThe Trailmaster withstands winds up to 80 km/h when all guy lines are tensioned. In heavy rain, "
                    + "close the vents on the windward side and keep the inner tent away from the flysheet.");

    static WireMockServer site;
    static String base;

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Admin kafkaAdmin;

    Tenant shop;
    KnowledgeClient knowledge;

    @BeforeAll
    static void fixtureSite() {
        site = new WireMockServer(wireMockConfig().dynamicPort());
        site.start();
        base = "http://127.0.0.1:" + site.port();
        stub("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private\nSitemap: " + base + "/sitemap.xml\n");
        stub("/sitemap.xml", "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/</loc></url>
                  <url><loc>%1$s/help/shipping</loc></url>
                </urlset>""".formatted(base));
        page("/", "Trailmaster Outdoor", """
                <nav><a href="/">Home</a> <a href="/blog/spring">Blog</a></nav>
                <main><h1>Trailmaster Outdoor</h1><p>Tents and sleeping bags for every season.</p>
                <ul><li><a href="/help/returns">Returns</a></li><li><a href="/help/warranty#claims">Warranty</a></li>
                <li><a href="/about">About us</a></li><li><a href="/private/staff">Staff</a></li>
                <li><a href="mailto:shop@example.com">Mail</a></li></ul></main>""");
        page("/help/returns", "Returns and refunds", "<main><h1>Returns</h1><p>Unused items can be returned within 30 days "
                + "for a full refund to the original payment method.</p><a href=\"/help/returns/form\">Return form</a></main>");
        page("/help/returns/form", "Return form", "<main><p>Fill in the order number and the reason for the return.</p></main>");
        page("/help/warranty", "Warranty", "<main><h1>Warranty</h1><p>Two years on every tent.</p></main>");
        page("/help/shipping", "Shipping", "<main><h1>Shipping</h1><p>Orders ship within two working days.</p></main>");
        page("/about", "About us", "<main><p>Founded in 1998 by two brothers who loved the Pyrenees.</p></main>");
        page("/blog/spring", "Spring news", "<main><p>New colours for the spring season.</p></main>");
        page("/private/staff", "Staff only", "<main><p>Internal rota.</p></main>");
        site.stubFor(get(urlPathEqualTo("/docs/tent-guide.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf").withBody(TestDocuments.pdf("Tent guide", TENT_GUIDE))));
    }

    @AfterAll
    static void stopSite() {
        site.stop();
    }

    static void stub(String path, String contentType, String body) {
        site.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
    }

    static void page(String path, String title, String body) {
        stub(path, HTML, "<!doctype html><html><head><title>" + title + "</title></head><body>" + body
                + "<footer>© Trailmaster · <a href=\"/about\">About</a></footer></body></html>");
    }

    @BeforeEach
    void tenant() {
        shop = tenants.create("Knowledge " + UUID.randomUUID());
        // the fixture documents and questions are English
        jdbc.update("UPDATE chatbots SET rag_enabled = true, language = 'en' WHERE id = ?", shop.chatbotId());
        knowledge = new KnowledgeClient(new HubHttp(port), mapper, shop.apiKey(), shop.chatbotId());
    }

    @Test
    void aPdfAndADocxBecomeEmbeddedChunksAndAParaphrasedQuestionFindsTheRightPassageFirst() {
        HttpResponse<String> pdf = knowledge.upload("tent-guide.pdf", TestDocuments.pdf("Tent guide", TENT_GUIDE), "Tent guide");
        assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(202);
        JsonNode accepted = knowledge.json(pdf);
        assertThat(accepted.get("status").asText()).isEqualTo("pending");
        assertThat(accepted.get("type").asText()).isEqualTo("pdf");
        assertThat(accepted.at("/quota/quota").asText()).isEqualTo("documents");
        UUID pdfId = KnowledgeClient.sourceId(accepted);

        byte[] docx = TestDocuments.docx("Gym handbook", List.of(
                new Heading("Opening hours"),
                new Paragraph("The gym is open from 6:00 to 23:00 on weekdays and from 8:00 to 20:00 at weekends."),
                new Heading("Membership fees"),
                new Paragraph("Members can pay monthly or once a year; a yearly payment saves two months."),
                new Table(new String[][] {{"Plan", "Monthly", "Yearly"}, {"Basic", "29 EUR", "290 EUR"},
                        {"Premium", "49 EUR", "490 EUR"}}),
                new Heading("Personal training"),
                new Paragraph("Sessions with a coach last 45 minutes and must be booked at the front desk.")));
        HttpResponse<String> word = knowledge.upload("handbook.docx", docx, null);
        assertThat(word.statusCode()).as(word.body()).isEqualTo(202);
        UUID docxId = KnowledgeClient.sourceId(knowledge.json(word));
        assertThat(knowledge.json(word).get("name").asText()).isEqualTo("handbook.docx");

        JsonNode pdfSource = knowledge.awaitFinished(pdfId);
        JsonNode docxSource = knowledge.awaitFinished(docxId);
        assertThat(pdfSource.get("status").asText()).as(pdfSource.toString()).isEqualTo("synced");
        assertThat(docxSource.get("status").asText()).as(docxSource.toString()).isEqualTo("synced");
        assertThat(pdfSource.get("chunk_count").asInt()).isEqualTo(4);
        assertThat(pdfSource.at("/progress/embedded").asInt()).isEqualTo(4);
        assertThat(pdfSource.at("/progress/total").asInt()).isEqualTo(4);
        assertThat(pdfSource.get("embedding_model").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(pdfSource.get("embedding_dimensions").asInt()).isEqualTo(384);
        assertThat(pdfSource.get("processing_time_seconds").isNumber()).isTrue();

        // every chunk has a 384-dimension embedding of the local model, and its page or heading
        List<Map<String, Object>> chunks = jdbc.queryForList("""
                SELECT knowledge_source_id, chunk_index, embedding_model, embedding_dimensions, vector_dims(embedding) AS dims,
                       metadata->>'page' AS page, metadata->>'heading' AS heading, metadata->>'source_type' AS type, content
                  FROM document_chunks WHERE chatbot_id = ? ORDER BY knowledge_source_id = ?, chunk_index""",
                shop.chatbotId(), docxId);
        assertThat(chunks).hasSize(4 + docxSource.get("chunk_count").asInt());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("embedding_model")).isEqualTo("all-minilm-l6-v2-q");
            assertThat(c.get("dims")).isEqualTo(384);
        });
        assertThat(chunks.subList(0, 4)).extracting(c -> c.get("page")).containsExactly("1", "2", "3", "4");
        assertThat(chunks.subList(4, chunks.size())).extracting(c -> c.get("heading"))
                .contains("Opening hours", "Membership fees", "Personal training");
        Map<String, Object> fees = chunks.stream().filter(c -> "Membership fees".equals(c.get("heading"))).findFirst().orElseThrow();
        assertThat((String) fees.get("content")).contains("Premium | 49 EUR | 490 EUR");

        // paraphrased questions: other words than the document's
        JsonNode mould = knowledge.search("What should I do so my shelter doesn't get mouldy after a trip?", 3);
        assertThat(mould.get("mode").asText()).isEqualTo("hybrid");
        assertThat(mould.at("/results/0/source_id").asText()).isEqualTo(pdfId.toString());
        assertThat(mould.at("/results/0/page").asInt()).isEqualTo(2);
        assertThat(mould.at("/results/0/source_name").asText()).isEqualTo("Tent guide");
        assertThat(mould.at("/results/0/score").asDouble()).isPositive();

        JsonNode guarantee = knowledge.search("Will you fix it for free if a rod snaps in the first year?", 3);
        assertThat(guarantee.at("/results/0/page").asInt()).isEqualTo(1);

        JsonNode price = knowledge.search("How much does the top subscription cost for twelve months?", 3);
        assertThat(price.at("/results/0/source_id").asText()).isEqualTo(docxId.toString());
        assertThat(price.at("/results/0/heading").asText()).isEqualTo("Membership fees");
    }

    @Test
    void aUrlIsFetchedAndItsMainTextIngestedAndAUrlServingAPdfIsReadAsAPdf() {
        page("/pages/ferry", "Ferry timetable", """
                <nav><a href="/">Home</a><a href="/about">About</a></nav>
                <main><h1>Ferry timetable</h1><p>The first ferry to the island leaves the harbour at 7:15 every morning;
                the last one returns at 21:40.</p></main><script>var tracking = "nothing to see";</script>""");
        HttpResponse<String> url = knowledge.post("/url", Map.of("url", base + "/pages/ferry", "name", "Ferry"));
        assertThat(url.statusCode()).as(url.body()).isEqualTo(202);
        JsonNode accepted = knowledge.json(url);
        assertThat(accepted.get("type").asText()).isEqualTo("url");
        assertThat(accepted.at("/quota/quota").asText()).isEqualTo("urls");
        UUID ferry = KnowledgeClient.sourceId(accepted);

        UUID guide = KnowledgeClient.sourceId(knowledge.json(knowledge.post("/url", Map.of("url", base + "/docs/tent-guide.pdf"))));

        JsonNode synced = knowledge.awaitFinished(ferry);
        assertThat(synced.get("status").asText()).as(synced.toString()).isEqualTo("synced");
        assertThat(synced.get("url").asText()).isEqualTo(base + "/pages/ferry");
        String content = jdbc.queryForObject("SELECT string_agg(content, ' ') FROM document_chunks WHERE knowledge_source_id = ?",
                String.class, ferry);
        assertThat(content).contains("first ferry to the island").doesNotContain("tracking").doesNotContain("About");
        assertThat(jdbc.queryForObject("SELECT metadata->>'url' FROM document_chunks WHERE knowledge_source_id = ? LIMIT 1",
                String.class, ferry)).isEqualTo(base + "/pages/ferry");

        assertThat(knowledge.awaitFinished(guide).get("status").asText()).isEqualTo("synced");
        JsonNode boat = knowledge.search("when does the earliest boat depart?", 3);
        assertThat(boat.at("/results/0/source_id").asText()).isEqualTo(ferry.toString());
        assertThat(boat.at("/results/0/url").asText()).isEqualTo(base + "/pages/ferry");
        JsonNode storm = knowledge.search("how strong a gale can it survive", 3);
        assertThat(storm.at("/results/0/source_id").asText()).isEqualTo(guide.toString());
        assertThat(storm.at("/results/0/page").asInt()).isEqualTo(4);
    }

    @Test
    void aCrawlListsTheSitesPagesByRelevanceWithoutWhatRobotsTxtDisallows() {
        HttpResponse<String> response = knowledge.post("/crawl", Map.of("base_url", base + "/", "max_depth", 2, "max_pages", 20,
                "filter_keywords", List.of("help", "returns", "warranty")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode crawl = knowledge.json(response);
        List<String> urls = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        crawl.get("pages").forEach(p -> {
            urls.add(p.get("url").asText());
            scores.add(p.get("relevance_score").asDouble());
            assertThat(p.has("title") && p.has("depth") && p.has("preview") && p.has("suggested")).isTrue();
        });
        assertThat(urls).contains(base + "/help/returns", base + "/help/warranty", base + "/help/shipping",
                base + "/about", base + "/help/returns/form");
        assertThat(urls).noneMatch(u -> u.contains("/private"));
        assertThat(urls).noneMatch(u -> u.contains("#") || u.startsWith("mailto"));
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // "returns" in the title and the path, and "help" in the path: the most relevant page
        assertThat(urls.get(0)).isEqualTo(base + "/help/returns");
        JsonNode returns = crawl.get("pages").get(0);
        assertThat(returns.get("title").asText()).isEqualTo("Returns and refunds");
        assertThat(returns.get("preview").asText()).contains("returned within 30 days");
        assertThat(returns.get("suggested").asBoolean()).isTrue();
        JsonNode about = pageOf(crawl, base + "/about");
        assertThat(about.get("relevance_score").asDouble()).isZero();
        assertThat(about.get("suggested").asBoolean()).isFalse();
        site.verify(0, getRequestedFor(urlEqualTo("/private/staff")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM knowledge_sources WHERE chatbot_id = ?", Long.class,
                shop.chatbotId())).as("a crawl ingests nothing").isZero();
    }

    @Test
    void aBatchOfUrlsGivesOneResultPerUrlInOrder() {
        page("/pages/batch-a", "Batch A", "<main><p>Page A of the batch about kayaks.</p></main>");
        page("/pages/batch-b", "Batch B", "<main><p>Page B of the batch about canoes.</p></main>");
        HttpResponse<String> response = knowledge.post("/ingest-batch", Map.of("urls", List.of(
                base + "/pages/batch-a", "ftp://example.com/file", base + "/pages/batch-b", "not a url",
                base + "/pages/batch-a#again")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode batch = knowledge.json(response);
        assertThat(batch.get("total").asInt()).isEqualTo(5);
        assertThat(batch.get("successful").asInt()).isEqualTo(2);
        assertThat(batch.get("failed").asInt()).isEqualTo(3);
        JsonNode results = batch.get("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("url").asText()).isEqualTo(base + "/pages/batch-a");
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(1).get("success").asBoolean()).isFalse();
        assertThat(results.get(1).at("/error/code").asText()).isEqualTo("url_not_allowed");
        assertThat(results.get(2).get("success").asBoolean()).isTrue();
        assertThat(results.get(3).at("/error/code").asText()).isEqualTo("invalid_url");
        assertThat(results.get(4).at("/error/code").asText()).isEqualTo("duplicate_url");

        for (int i : new int[] {0, 2}) {
            UUID id = UUID.fromString(results.get(i).get("source_id").asText());
            assertThat(knowledge.awaitFinished(id).get("status").asText()).isEqualTo("synced");
        }
        JsonNode listed = knowledge.json(knowledge.get("/sources?type=url&status=synced&size=1"));
        assertThat(listed.get("total").asInt()).isEqualTo(2);
        assertThat(listed.get("total_pages").asInt()).isEqualTo(2);
        assertThat(listed.get("items")).hasSize(1);
    }

    @Test
    void resyncingAnUnchangedUrlDoesNotReEmbedAndAFailedReRunKeepsTheOldChunksSearchable() {
        page("/pages/stable", "Lighthouse", "<main><p>The lighthouse museum opens at ten and closes at five.</p></main>");
        UUID id = KnowledgeClient.sourceId(knowledge.json(knowledge.post("/url", Map.of("url", base + "/pages/stable"))));
        JsonNode first = knowledge.awaitFinished(id);
        assertThat(first.get("status").asText()).isEqualTo("synced");
        List<Map<String, Object>> chunksBefore = chunkRows(id);
        assertThat(chunksBefore).isNotEmpty();

        HttpResponse<String> resync = knowledge.post("/sources/" + id + "/resync", "");
        assertThat(resync.statusCode()).as(resync.body()).isEqualTo(202);
        JsonNode second = awaitCompletedAfter(id, first.get("processing_completed_at").asText());
        assertThat(second.get("status").asText()).isEqualTo("synced");
        assertThat(chunkRows(id)).as("same chunk rows: not re-embedded").isEqualTo(chunksBefore);
        assertThat(second.get("content_hash").asText()).isEqualTo(first.get("content_hash").asText());
        site.verify(2, getRequestedFor(urlEqualTo("/pages/stable")));

        // the site breaks: the re-run fails with a message, the chunks of the last sync are still found
        site.stubFor(get(urlEqualTo("/pages/stable")).willReturn(aResponse().withStatus(500).withBody("oops")));
        assertThat(knowledge.post("/sources/" + id + "/resync", "{}").statusCode()).isEqualTo(202);
        JsonNode failed = awaitCompletedAfter(id, second.get("processing_completed_at").asText());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("HTTP 500").doesNotContain("Exception");
        assertThat(failed.get("error_code").asText()).isEqualTo("http_error");
        assertThat(failed.get("chunk_count").asInt()).isEqualTo(chunksBefore.size());
        assertThat(chunkRows(id)).isEqualTo(chunksBefore);
        JsonNode found = knowledge.search("when can I visit the lighthouse museum?", 3);
        assertThat(found.at("/results/0/source_id").asText()).isEqualTo(id.toString());

        // content that changed is re-embedded
        page("/pages/stable", "Lighthouse", "<main><p>The lighthouse museum is closed for renovation until May.</p></main>");
        knowledge.post("/sources/" + id + "/resync", "");
        JsonNode changed = awaitCompletedAfter(id, failed.get("processing_completed_at").asText());
        assertThat(changed.get("status").asText()).isEqualTo("synced");
        assertThat(changed.has("error")).isFalse();
        assertThat(changed.has("error_code")).as("cleared with the message").isFalse();
        assertThat(chunkRows(id)).isNotEqualTo(chunksBefore);
        assertThat(knowledge.search("is the lighthouse museum open?", 1).at("/results/0/content").asText())
                .contains("closed for renovation");
    }

    @Test
    void resyncOfAnUploadUsesTheStoredOriginalAndForceReEmbedsIt() {
        byte[] text = "Parking: guests park for free in the underground car park, level -2.".getBytes();
        UUID id = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("parking.txt", text, "Parking")));
        JsonNode first = knowledge.awaitFinished(id);
        assertThat(first.get("status").asText()).isEqualTo("synced");
        assertThat(first.get("type").asText()).isEqualTo("text");
        List<Map<String, Object>> before = chunkRows(id);

        knowledge.post("/sources/" + id + "/resync", "");
        JsonNode unchanged = awaitCompletedAfter(id, first.get("processing_completed_at").asText());
        assertThat(chunkRows(id)).isEqualTo(before);

        knowledge.post("/sources/" + id + "/resync", Map.of("force", true));
        JsonNode forced = awaitCompletedAfter(id, unchanged.get("processing_completed_at").asText());
        assertThat(forced.get("status").asText()).isEqualTo("synced");
        assertThat(chunkRows(id)).isNotEqualTo(before).hasSameSizeAs(before);
    }

    @Test
    void theConsumerCommitsItsOffsetOnceASourceIsFinishedOrFailed() throws Exception {
        UUID ok = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("note.txt", "Bikes can be rented at the harbour.".getBytes(), null)));
        UUID broken = KnowledgeClient.sourceId(knowledge.json(knowledge.post("/url", Map.of("url", base + "/pages/missing"))));
        assertThat(knowledge.awaitFinished(ok).get("status").asText()).isEqualTo("synced");
        JsonNode failed = knowledge.awaitFinished(broken);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("HTTP 404");

        // after a restart the group resumes after these records instead of ingesting them again
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = kafkaAdmin.listConsumerGroupOffsets("hub-knowledge-ingest")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            kafkaAdmin.describeTopics(List.of("knowledge.ingest")).allTopicNames().get().get("knowledge.ingest").partitions()
                    .forEach(p -> latest.put(new TopicPartition("knowledge.ingest", p.partition()), OffsetSpec.latest()));
            var ends = kafkaAdmin.listOffsets(latest).all().get();
            assertThat(ends.values().stream().mapToLong(e -> e.offset()).sum()).isPositive();
            ends.forEach((tp, end) -> assertThat(committed.containsKey(tp) ? committed.get(tp).offset() : 0L)
                    .as(tp.toString()).isEqualTo(end.offset()));
        });
    }

    private JsonNode pageOf(JsonNode crawl, String url) {
        for (JsonNode p : crawl.get("pages")) {
            if (p.get("url").asText().equals(url)) {
                return p;
            }
        }
        throw new AssertionError(url + " not in " + crawl);
    }

    private List<Map<String, Object>> chunkRows(UUID sourceId) {
        return jdbc.queryForList("SELECT id, created_at, embedding::text AS embedding FROM document_chunks "
                + "WHERE knowledge_source_id = ? ORDER BY chunk_index", sourceId);
    }

    private JsonNode awaitCompletedAfter(UUID id, String previousCompletion) {
        JsonNode[] last = new JsonNode[1];
        org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(100))
                .atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                    last[0] = knowledge.source(id);
                    String status = last[0].path("status").asText();
                    return (status.equals("synced") || status.equals("failed"))
                            && !last[0].path("processing_completed_at").asText().equals(previousCompletion);
                });
        return last[0];
    }
}
