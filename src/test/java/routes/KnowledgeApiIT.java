package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.knowledge.TestDocuments;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import processors.knowledge.RequeueUnfinishedSources;

/**
 * The knowledge API's refusals and bookkeeping over real HTTP: quotas (403 with the quota's figures),
 * counters given back on delete, tenant isolation (404), size and type limits (413, 415), chatbot state
 * (409), malformed requests (400/404, never 500), hostile files failing their source with a message,
 * stalled sources picked up again, the operator's re-embedding, and the agent answering from
 * uploaded knowledge through the same search.
 */
@IntegrationTest
class KnowledgeApiIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    ServletContext servletContext;
    @Autowired
    RequeueUnfinishedSources requeueUnfinishedSources;

    HubHttp http;
    Tenant acme;
    KnowledgeClient knowledge;

    @BeforeEach
    void tenant() {
        http = new HubHttp(port);
        acme = tenants.create("Acme KB " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", acme.chatbotId());
        knowledge = new KnowledgeClient(http, mapper, acme.apiKey(), acme.chatbotId());
    }

    @Test
    void quotasRefuseWith403AndTheirTypeAndDeletingASourceGivesItsQuotaBack() {
        jdbc.update("UPDATE organizations SET max_knowledge_pdfs = 1, max_knowledge_urls = 1 WHERE id = ?", acme.organizationId());
        byte[] pdf = TestDocuments.pdf("Menu", List.of("Our paella is cooked to order and takes 25 minutes."));
        UUID first = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("menu.pdf", pdf, "Menu")));
        assertThat(knowledge.awaitFinished(first).get("status").asText()).isEqualTo("synced");

        HttpResponse<String> second = knowledge.upload("menu-2.pdf", pdf, "Menu again");
        assertThat(second.statusCode()).isEqualTo(403);
        JsonNode refusal = knowledge.json(second);
        assertThat(refusal.at("/error/code").asText()).isEqualTo("quota_exceeded");
        assertThat(refusal.at("/error/message").asText()).contains("1 documents");
        assertThat(refusal.at("/error/quota/type").asText()).isEqualTo("PDF_LIMIT_EXCEEDED");
        assertThat(refusal.at("/error/quota/current").asLong()).isEqualTo(1);
        assertThat(refusal.at("/error/quota/max").asLong()).isEqualTo(1);
        assertThat(refusal.at("/error/quota/remaining").asLong()).isZero();
        assertThat(refusal.fieldNames()).toIterable().containsExactly("error");

        assertThat(knowledge.post("/url", Map.of("url", "http://127.0.0.1:9/a")).statusCode()).isEqualTo(202);
        JsonNode urls = knowledge.json(knowledge.post("/url", Map.of("url", "http://127.0.0.1:9/b")));
        assertThat(urls.at("/error/quota/type").asText()).isEqualTo("URL_LIMIT_EXCEEDED");

        // storage: the organisation has 1 MB; a 2 MB text file does not fit
        jdbc.update("UPDATE organizations SET max_knowledge_storage_mb = 1 WHERE id = ?", acme.organizationId());
        HttpResponse<String> big = knowledge.upload("big.txt", "word ".repeat(400_000).getBytes(StandardCharsets.UTF_8), null);
        assertThat(big.statusCode()).isEqualTo(403);
        assertThat(knowledge.json(big).at("/error/quota/type").asText()).isEqualTo("STORAGE_LIMIT_EXCEEDED");
        jdbc.update("UPDATE organizations SET max_knowledge_storage_mb = 100 WHERE id = ?", acme.organizationId());

        JsonNode quota = knowledge.json(knowledge.get("/quota"));
        assertThat(quota.at("/documents/current").asLong()).isEqualTo(1);
        assertThat(quota.at("/documents/remaining").asLong()).isZero();
        assertThat(quota.at("/urls/current").asLong()).isEqualTo(1);
        assertThat(quota.at("/storage/current_bytes").asLong()).isEqualTo(pdf.length);
        assertThat(quota.at("/daily_ingestions/current").asLong()).isEqualTo(2);
        assertThat(quota.at("/max_file_bytes").asLong()).as("hub.ingest.max-upload-size, for a client to check a file first")
                .isEqualTo(10L * 1024 * 1024);

        HttpResponse<String> deleted = knowledge.delete("/sources/" + first);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM document_chunks WHERE knowledge_source_id = ?", Long.class, first))
                .isZero();
        assertThat(knowledge.get("/sources/" + first).statusCode()).isEqualTo(404);
        assertThat(knowledge.delete("/sources/" + first).statusCode()).isEqualTo(404);
        JsonNode after = knowledge.json(knowledge.get("/quota"));
        assertThat(after.at("/documents/current").asLong()).isZero();
        assertThat(after.at("/storage/current_bytes").asLong()).isZero();
        assertThat(knowledge.search("how long does the paella take?", 5).get("results")).isEmpty();
        assertThat(knowledge.upload("menu-2.pdf", pdf, "Menu again").statusCode()).isEqualTo(202);

        // daily ingestions: each accepted source counts, deleted or not
        jdbc.update("UPDATE organizations SET max_knowledge_ingestions_per_day = 3, max_knowledge_pdfs = 10 WHERE id = ?",
                acme.organizationId());
        JsonNode daily = knowledge.json(knowledge.upload("menu-3.pdf", pdf, "Menu 3"));
        assertThat(daily.at("/error/quota/type").asText()).isEqualTo("DAILY_INGESTION_LIMIT_EXCEEDED");
    }

    @Test
    void anotherOrganisationsKeySeesNeitherTheChatbotsSourcesNorItsKnowledge() {
        UUID source = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("faq.md",
                "# Opening\n\nWe open at nine.".getBytes(StandardCharsets.UTF_8), "FAQ")));
        assertThat(knowledge.awaitFinished(source).get("status").asText()).isEqualTo("synced");

        Tenant globex = tenants.create("Globex KB " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", globex.chatbotId());
        KnowledgeClient intruder = new KnowledgeClient(http, mapper, globex.apiKey(), acme.chatbotId());
        List<HttpResponse<String>> answers = List.of(
                intruder.get("/sources"),
                intruder.get("/sources/" + source),
                intruder.post("/search", Map.of("query", "when do you open?")),
                intruder.post("/sources/" + source + "/resync", ""),
                intruder.delete("/sources/" + source),
                intruder.get("/quota"),
                intruder.upload("x.txt", "hello".getBytes(), null),
                intruder.post("/url", Map.of("url", "http://127.0.0.1:9/x")),
                intruder.post("/ingest-batch", Map.of("urls", List.of("http://127.0.0.1:9/x"))),
                intruder.post("/crawl", Map.of("base_url", "http://127.0.0.1:9/")));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri() + ": " + answer.body())
                    .isEqualTo(404);
            assertThat(answer.body()).contains("\"not_found\"").doesNotContain("We open at nine");
        }
        // its own chatbot with the other organisation's source id: not found either
        KnowledgeClient own = new KnowledgeClient(http, mapper, globex.apiKey(), globex.chatbotId());
        assertThat(own.get("/sources/" + source).statusCode()).isEqualTo(404);
        assertThat(own.delete("/sources/" + source).statusCode()).isEqualTo(404);
        assertThat(own.json(own.get("/sources")).get("total").asInt()).isZero();
        assertThat(own.search("when do you open?", 5).get("results")).isEmpty();
        assertThat(knowledge.get("/sources/" + source).statusCode()).as("still there").isEqualTo(200);
    }

    @Test
    void sizeTypeAndChatbotStateAreCheckedBeforeAnythingIsAccepted() {
        Set<String> copiesBefore = tempFiles();
        int mib = 1024 * 1024;
        HttpResponse<String> eleven = knowledge.upload("big.pdf", padded("%PDF-1.7\n", 11 * mib), null);
        assertThat(eleven.statusCode()).isEqualTo(413);
        assertThat(knowledge.json(eleven).at("/error/code").asText()).isEqualTo("payload_too_large");
        assertThat(knowledge.json(eleven).at("/error/message").asText()).as("refused by its length, before it is read")
                .isEqualTo("Files are limited to 10 MiB");
        HttpResponse<String> justOver = knowledge.upload("big.pdf", padded("%PDF-1.7\n", 10 * mib + 1), null);
        assertThat(justOver.statusCode()).isEqualTo(413);
        assertThat(knowledge.json(justOver).at("/error/message").asText()).isEqualTo("Files are limited to 10 MiB");

        // exactly 10 MiB is accepted (and, being no real PDF, fails with a message instead of a stack trace)
        HttpResponse<String> exactly = knowledge.upload("exact.pdf", padded("%PDF-1.7\n", 10 * mib), null);
        assertThat(exactly.statusCode()).as(exactly.body()).isEqualTo(202);
        JsonNode corrupt = knowledge.awaitFinished(KnowledgeClient.sourceId(knowledge.json(exactly)));
        assertThat(corrupt.get("status").asText()).isEqualTo("failed");
        assertThat(corrupt.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(corrupt.get("chunk_count").asInt()).isZero();

        HttpResponse<String> image = knowledge.upload("photo.pdf", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0},
                null);
        assertThat(image.statusCode()).isEqualTo(415);
        assertThat(knowledge.json(image).at("/error/message").asText()).contains("PNG");
        assertThat(knowledge.upload("empty.txt", new byte[0], null).statusCode()).isEqualTo(415);

        HttpResponse<String> noFile = http.send(HttpRequest.newBuilder(URI.create(http.url(
                        "/api/chatbots/" + acme.chatbotId() + "/knowledge/upload")))
                .header("Authorization", "Bearer " + acme.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(noFile.statusCode()).isEqualTo(415);

        jdbc.update("UPDATE chatbots SET rag_enabled = false WHERE id = ?", acme.chatbotId());
        HttpResponse<String> ragOff = knowledge.upload("a.txt", "hello".getBytes(), null);
        assertThat(ragOff.statusCode()).isEqualTo(409);
        assertThat(knowledge.json(ragOff).at("/error/code").asText()).isEqualTo("rag_disabled");
        jdbc.update("UPDATE chatbots SET rag_enabled = true, is_active = false WHERE id = ?", acme.chatbotId());
        HttpResponse<String> disabled = knowledge.post("/url", Map.of("url", "http://127.0.0.1:9/x"));
        assertThat(disabled.statusCode()).isEqualTo(409);
        assertThat(knowledge.json(disabled).at("/error/code").asText()).isEqualTo("chatbot_disabled");

        assertThat(knowledge.json(knowledge.get("/sources")).get("total").asInt()).as("only the exact 10 MiB file").isEqualTo(1);
        // platform-http's temporary copies of the uploaded files are gone
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tempFiles()).isSubsetOf(copiesBefore));
    }

    @Test
    void aCorruptOrEncryptedPdfFailsItsSourceWithAReadableMessage() {
        UUID corrupt = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("broken.pdf",
                "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage".getBytes(StandardCharsets.US_ASCII), null)));
        JsonNode failed = knowledge.awaitFinished(corrupt);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(failed.get("error_code").asText()).isEqualTo("unreadable");
        assertThat(failed.get("processing_completed_at").isTextual()).isTrue();

        UUID empty = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("blank.pdf",
                TestDocuments.pdf("Blank", List.of("")), null)));
        JsonNode blank = knowledge.awaitFinished(empty);
        assertThat(blank.get("error").asText()).contains("no extractable text");
        assertThat(blank.get("error_code").asText()).isEqualTo("no_text");
    }

    @Test
    void malformedRequestsAre400Or404NeverA500() {
        assertThat(code(knowledge.postRaw("/search", "{not json"))).isEqualTo("400 invalid_json");
        assertThat(code(knowledge.postRaw("/search", "[1,2]"))).isEqualTo("400 invalid_json");
        assertThat(code(knowledge.postRaw("/search", ""))).isEqualTo("400 invalid_json");
        assertThat(code(knowledge.post("/search", Map.of("limit", 3)))).isEqualTo("400 missing_field");
        assertThat(code(knowledge.post("/search", Map.of("query", "x", "limit", 500)))).isEqualTo("400 invalid_field");
        assertThat(code(knowledge.post("/url", Map.of()))).isEqualTo("400 missing_field");
        assertThat(code(knowledge.post("/url", Map.of("url", 42)))).isEqualTo("400 invalid_field");
        assertThat(code(knowledge.post("/url", Map.of("url", "javascript:alert(1)")))).isEqualTo("400 url_not_allowed");
        assertThat(code(knowledge.post("/url", Map.of("url", "file:///etc/passwd")))).isEqualTo("400 url_not_allowed");
        assertThat(code(knowledge.post("/url", Map.of("url", "http://user:pw@127.0.0.1/")))).isEqualTo("400 url_not_allowed");
        assertThat(code(knowledge.post("/url", Map.of("url", "no url at all")))).isEqualTo("400 invalid_url");
        assertThat(code(knowledge.post("/url", Map.of("url", "https://no-such-host.invalid/")))).isEqualTo("422 unreachable");
        assertThat(code(knowledge.post("/ingest-batch", Map.of("urls", List.of())))).isEqualTo("400 invalid_field");
        assertThat(code(knowledge.post("/ingest-batch", Map.of("urls", "http://x")))).isEqualTo("400 invalid_field");
        assertThat(code(knowledge.post("/crawl", Map.of("base_url", "http://127.0.0.1:9/", "max_depth", -1))))
                .isEqualTo("400 invalid_field");
        // every body endpoint refuses a field it does not take, the former camelCase spellings included
        UUID anySource = UUID.randomUUID();
        assertThat(code(knowledge.post("/url", Map.of("url", "http://127.0.0.1:9/x", "title", "x")))).isEqualTo("400 unknown_field");
        assertThat(code(knowledge.post("/ingest-batch", Map.of("urls", List.of("http://127.0.0.1:9/x"), "force", true))))
                .isEqualTo("400 unknown_field");
        assertThat(code(knowledge.post("/crawl", Map.of("baseUrl", "http://127.0.0.1:9/")))).isEqualTo("400 unknown_field");
        assertThat(code(knowledge.post("/crawl", Map.of("base_url", "http://127.0.0.1:9/", "maxPages", 3))))
                .isEqualTo("400 unknown_field");
        assertThat(code(knowledge.post("/search", Map.of("query", "x", "topK", 3)))).isEqualTo("400 unknown_field");
        assertThat(code(knowledge.post("/sources/" + anySource + "/resync", Map.of("forced", true)))).isEqualTo("400 unknown_field");
        assertThat(code(knowledge.put("/sources/" + anySource + "/schedule", Map.of("resyncIntervalHours", 24))))
                .isEqualTo("400 unknown_field");
        HttpResponse<String> unknown = knowledge.post("/search", Map.of("query", "x", "topK", 3));
        assertThat(knowledge.json(unknown).at("/error/message").asText()).contains("topK").contains("limit", "query");
        assertThat(code(knowledge.post("/crawl", Map.of("base_url", "http://127.0.0.1:9/", "filter_keywords", "faq"))))
                .isEqualTo("400 invalid_field");
        assertThat(code(knowledge.post("/search", Map.of("query", "x", "limit", "3")))).isEqualTo("400 invalid_field");
        assertThat(code(knowledge.upload(null, null, "No file"))).isEqualTo("400 missing_field");

        assertThat(code(knowledge.get("/sources?page=0"))).isEqualTo("400 invalid_parameter");
        assertThat(code(knowledge.get("/sources?size=101"))).isEqualTo("400 invalid_parameter");
        assertThat(code(knowledge.get("/sources?page=two"))).isEqualTo("400 invalid_parameter");
        assertThat(code(http.send(HttpRequest.newBuilder(URI.create(http.url(
                        "/api/admin/chatbots/" + acme.chatbotId() + "/knowledge/reembed?force=maybe")))
                .header("Authorization", "Bearer test-admin-token").POST(HttpRequest.BodyPublishers.noBody()).build())))
                .isEqualTo("400 invalid_parameter");
        assertThat(code(knowledge.get("/sources?status=done"))).isEqualTo("400 invalid_parameter");
        assertThat(code(knowledge.get("/sources?type=exe"))).isEqualTo("400 invalid_parameter");
        assertThat(code(knowledge.get("/sources/not-a-uuid"))).isEqualTo("404 not_found");
        assertThat(code(knowledge.delete("/sources/" + UUID.randomUUID()))).isEqualTo("404 not_found");
        assertThat(code(knowledge.post("/sources/123/resync", ""))).isEqualTo("404 not_found");
        assertThat(code(knowledge.forChatbot(UUID.randomUUID()).get("/quota"))).isEqualTo("404 not_found");
        assertThat(code(http.get("/api/chatbots/not-a-uuid/knowledge/sources", "Bearer " + acme.apiKey())))
                .isEqualTo("404 not_found");
        assertThat(code(http.get("/api/chatbots/" + acme.chatbotId() + "/knowledge/quota", null))).isEqualTo("401 unauthorized");
        assertThat(code(http.get("/api/chatbots/" + acme.chatbotId() + "/knowledge/quota", "Bearer test-admin-token")))
                .isEqualTo("403 forbidden");
        // multipart bodies are only for the upload
        HttpResponse<String> multipart = http.send(HttpRequest.newBuilder(URI.create(http.url(
                        "/api/chatbots/" + acme.chatbotId() + "/knowledge/search")))
                .header("Authorization", "Bearer " + acme.apiKey()).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--")).build());
        assertThat(code(multipart)).isEqualTo("415 unsupported_media_type");
        // an upload must be multipart/form-data, and the refusal says how to send it
        for (String type : new String[] {"application/json", "multipart/mixed; boundary=x", "text/plain", null}) {
            HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(http.url(
                            "/api/chatbots/" + acme.chatbotId() + "/knowledge/upload")))
                    .header("Authorization", "Bearer " + acme.apiKey()).POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (type != null) {
                upload.header("Content-Type", type);
            }
            HttpResponse<String> refused = http.send(upload.build());
            assertThat(code(refused)).as(String.valueOf(type)).isEqualTo("415 unsupported_media_type");
            assertThat(knowledge.json(refused).at("/error/message").asText())
                    .isEqualTo("Send the file as multipart/form-data, in a part named 'file'");
        }
        // an upload the servlet layer cannot parse (before: 500 from Spring's multipart resolution)
        String part = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n\r\nHorario: de 9 a 18.%s";
        Map<String, String> unreadable = Map.of("multipart/form-data", part.formatted("faq.txt", "\r\n--x--\r\n"),
                "multipart/form-data; boundary=x", part.formatted("faq.txt", ""),
                "multipart/form-data; boundary=x ", part.formatted("faq\u0000.txt", "\r\n--x--\r\n"));
        // with a length, and chunked (a stream of unknown length), as a client may send either
        unreadable.forEach((type, body) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (HttpRequest.BodyPublisher sent : List.of(HttpRequest.BodyPublishers.ofByteArray(bytes),
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))) {
                assertThat(code(http.send(HttpRequest.newBuilder(URI.create(http.url(
                                "/api/chatbots/" + acme.chatbotId() + "/knowledge/upload")))
                        .header("Authorization", "Bearer " + acme.apiKey()).header("Content-Type", type).POST(sent).build())))
                        .as(type + (sent.contentLength() < 0 ? ", chunked" : "")).isEqualTo("400 invalid_body");
            }
        });
        assertThat(code(knowledge.upload("faq.txt", "Horario: de 9 a 18.".getBytes(StandardCharsets.UTF_8), "FAQ\u0000")))
                .isEqualTo("400 invalid_field");
        // a JSON body must say so: not as an HTML form on another site can send it without asking, nor without a type
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            HttpRequest.Builder search = HttpRequest.newBuilder(URI.create(http.url(
                            "/api/chatbots/" + acme.chatbotId() + "/knowledge/search")))
                    .header("Authorization", "Bearer " + acme.apiKey()).POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"x\"}"));
            if (type != null) {
                search.header("Content-Type", type);
            }
            assertThat(code(http.send(search.build()))).as(String.valueOf(type)).isEqualTo("415 unsupported_media_type");
        }
    }

    @Test
    void aSourceLeftProcessingByAStoppedInstanceIsPickedUpAgain() {
        UUID stuck = jdbc.queryForObject("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, sync_status, updated_at,
                                               processing_started_at)
                VALUES (?, ?, 'text', 'Left behind', 'processing', now() - interval '1 hour', now() - interval '1 hour')
                RETURNING id""", UUID.class, acme.organizationId(), acme.chatbotId());
        jdbc.update("INSERT INTO knowledge_source_content (knowledge_source_id, content, content_type) VALUES (?, ?, 'text/plain')",
                stuck, "Lost and found: ask at the reception desk on the ground floor.".getBytes(StandardCharsets.UTF_8));
        // the last progress an hour ago (set_updated_at would stamp now(): off for this one statement, in a transaction)
        jdbc.execute((ConnectionCallback<Void>) con -> {
            con.setAutoCommit(false);
            try (var st = con.createStatement()) {
                st.execute("ALTER TABLE knowledge_sources DISABLE TRIGGER knowledge_sources_set_updated_at");
                st.execute("UPDATE knowledge_sources SET updated_at = now() - interval '1 hour' WHERE id = '" + stuck + "'");
                st.execute("ALTER TABLE knowledge_sources ENABLE TRIGGER knowledge_sources_set_updated_at");
                con.commit();
            } finally {
                con.setAutoCommit(true);
            }
            return null;
        });

        requeueUnfinishedSources.process(null);

        JsonNode recovered = knowledge.awaitFinished(stuck);
        assertThat(recovered.get("status").asText()).isEqualTo("synced");
        assertThat(knowledge.search("where do I collect a forgotten umbrella?", 1).at("/results/0/source_id").asText())
                .isEqualTo(stuck.toString());
    }

    @Test
    void theOperatorReEmbedsAChatbotAfterAModelChange() {
        UUID source = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("wifi.txt",
                "The guest wifi password is printed on the back of your room key card.".getBytes(), null)));
        assertThat(knowledge.awaitFinished(source).get("status").asText()).isEqualTo("synced");
        // as if the chunks had been embedded by another model before the switch
        jdbc.update("UPDATE document_chunks SET embedding_model = 'old-model' WHERE knowledge_source_id = ?", source);
        jdbc.update("UPDATE knowledge_sources SET embedding_model = 'old-model' WHERE id = ?", source);
        JsonNode degraded = knowledge.search("how do I get online in my room?", 1);
        assertThat(degraded.get("mode").asText()).isEqualTo("text_only");
        assertThat(degraded.get("notice").asText()).contains("old-model");

        String path = "/api/admin/chatbots/" + acme.chatbotId() + "/knowledge/reembed";
        HttpResponse<String> tenantTry = http.send(HttpRequest.newBuilder(URI.create(http.url(path)))
                .header("Authorization", "Bearer " + acme.apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(tenantTry.statusCode()).isEqualTo(403);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(http.url(path)))
                .header("Authorization", "Bearer test-admin-token").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode run = knowledge.json(http.get(path, "Bearer test-admin-token"));
            assertThat(run.get("status").asText()).isEqualTo("finished");
            assertThat(run.get("reembedded").asInt()).isEqualTo(1);
            assertThat(run.get("chunks").asInt()).isEqualTo(1);
        });
        JsonNode hybrid = knowledge.search("how do I get online in my room?", 1);
        assertThat(hybrid.get("mode").asText()).isEqualTo("hybrid");
        assertThat(hybrid.has("notice")).isFalse();
        assertThat(hybrid.at("/results/0/similarity").isNumber()).isTrue();
        assertThat(http.get("/api/admin/chatbots/" + UUID.randomUUID() + "/knowledge/reembed", "Bearer test-admin-token")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void theAgentAnswersFromUploadedKnowledgeThroughTheSameSearch() throws Exception {
        UUID source = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("pets.txt",
                ("Pets: dogs and cats are welcome in all our apartments for a cleaning fee of 15 euros per stay.\n\n"
                        + "Check-out: rooms must be vacated by 11:00 on the day of departure.").getBytes(StandardCharsets.UTF_8),
                "House rules")));
        assertThat(knowledge.awaitFinished(source).get("status").asText()).isEqualTo("synced");

        String wamid = "wamid.kb." + UUID.randomUUID();
        assertThat(http.postSignedWebhook(HubHttp.textMessage(acme.phoneNumberId(), "34600111222", wamid,
                "Can I bring my puppy along?")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode items = mapper.readTree(http.get("/api/sandbox/messages", "Bearer " + acme.apiKey()).body()).get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("text").asText()).contains("dogs and cats are welcome");
        });
    }

    @Test
    void aTableRowThatFullTextFindsIsAnsweredWhateverItsVectorSimilarity() {
        jdbc.update("UPDATE chatbots SET language = 'en' WHERE id = ?", acme.chatbotId());
        byte[] docx = TestDocuments.docx("Plans", List.of(
                new TestDocuments.Table(new String[][] {{"Starter", "49 EUR", "5"}, {"Scale", "149 EUR", "50"}})));
        UUID source = KnowledgeClient.sourceId(knowledge.json(knowledge.upload("plans.docx", docx, "Plans")));
        assertThat(knowledge.awaitFinished(source).get("status").asText()).isEqualTo("synced");

        JsonNode found = knowledge.search("What does the Scale plan cost each month?", 5);

        assertThat(found.get("results")).isNotEmpty();
        assertThat(found.at("/results/0/content").asText()).contains("Scale").contains("149 EUR");
    }

    private static String code(HttpResponse<String> response) {
        try {
            return response.statusCode() + " " + new ObjectMapper().readTree(response.body()).at("/error/code").asText();
        } catch (Exception e) {
            return response.statusCode() + " (not JSON: " + response.body() + ")";
        }
    }

    private static byte[] padded(String header, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) ' ');
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private Set<String> tempFiles() {
        File dir = (File) servletContext.getAttribute(ServletContext.TEMPDIR);
        String[] names = dir == null ? null : dir.list();
        return names == null ? Set.of() : new HashSet<>(Arrays.asList(names));
    }
}
