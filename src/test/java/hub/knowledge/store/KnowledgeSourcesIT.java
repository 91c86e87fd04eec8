package hub.knowledge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import hub.knowledge.store.KnowledgeFixtures.Bot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@StoreTest
class KnowledgeSourcesIT {

    private static final int MIB = 1024 * 1024;
    private static final String MODEL = "all-minilm-l6-v2-q";

    @Autowired
    KnowledgeSources sources;
    @Autowired
    KnowledgeFixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;

    private final Random random = new Random(42);

    private KnowledgeSource upload(Bot bot, SourceType type, String name, int bytes) {
        byte[] content = new byte[bytes];
        random.nextBytes(content);
        return sources.create(NewSource.upload(bot.organizationId(), bot.chatbotId(), type, name, name, "application/pdf", content))
                .source();
    }

    private List<ChunkToStore> chunks(String... texts) {
        List<ChunkToStore> list = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            list.add(new ChunkToStore(texts[i], KnowledgeFixtures.randomUnit(random, 384), Map.of("page", i + 1)));
        }
        return list;
    }

    @Test
    void aNewSourceIsPendingKeepsItsOriginalBytesAndIsCounted() {
        Bot bot = fixtures.bot("Acme");
        byte[] pdf = "%PDF-1.7 the manual".getBytes(StandardCharsets.US_ASCII);

        KnowledgeSources.Created created = sources.create(NewSource.upload(bot.organizationId(), bot.chatbotId(), SourceType.PDF,
                "Manual", "manual.pdf", "application/pdf", pdf));

        KnowledgeSource source = created.source();
        assertThat(source.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(source.type()).isEqualTo(SourceType.PDF);
        assertThat(source.fileSizeBytes()).isEqualTo(pdf.length);
        assertThat(source.chunksCount()).isZero();
        assertThat(source.embeddingModel()).as("no chunks, no model").isNull();
        assertThat(created.quota()).isEqualTo(new QuotaCheck("documents", 0, 10, 10));
        // the original bytes survive for a resync after a restart
        StoredContent stored = sources.content(source.ref()).orElseThrow();
        assertThat(stored.content()).isEqualTo(pdf);
        assertThat(stored.sha256()).isEqualTo(ContentHash.sha256(pdf));
        assertThat(fixtures.counters(bot)).containsEntry("pdfs", 1).containsEntry("bytes", (long) pdf.length)
                .containsEntry("today", 1);
    }

    @Test
    void anotherOrganisationsSourceLooksNotFound() {
        Bot mine = fixtures.bot("Mine");
        Bot theirs = fixtures.bot("Theirs");
        KnowledgeSource source = upload(mine, SourceType.PDF, "Secret.pdf", 100);
        SourceRef asThem = new SourceRef(theirs.organizationId(), mine.chatbotId(), source.id());
        SourceRef viaTheirBot = theirs.source(source.id());

        for (SourceRef ref : List.of(asThem, viaTheirBot)) {
            assertThat(sources.find(ref)).isEmpty();
            assertThat(sources.content(ref)).isEmpty();
            assertThat(sources.delete(ref)).isFalse();
            assertThat(sources.markProcessing(ref)).isFalse();
            assertThatThrownBy(() -> sources.replaceChunks(ref, chunks("x"), MODEL, 384, "h"))
                    .isInstanceOf(KnowledgeNotFoundException.class);
        }
        assertThat(sources.list(theirs.organizationId(), mine.chatbotId(), null, null, 1, 20).total()).isZero();
        assertThat(sources.quota(theirs.organizationId(), mine.chatbotId())).isEmpty();
        assertThatThrownBy(() -> sources.create(NewSource.url(theirs.organizationId(), mine.chatbotId(), "https://x.test/", null)))
                .isInstanceOf(KnowledgeNotFoundException.class).hasMessage("Chatbot not found");
        assertThat(sources.find(mine.source(source.id()))).isPresent();
    }

    @Test
    void aDisabledChatbotOrOneWithoutRagTakesNoKnowledge() {
        Bot bot = fixtures.bot("Paused");
        jdbc.update("UPDATE chatbots SET rag_enabled = false WHERE id = ?", bot.chatbotId());
        assertThatThrownBy(() -> upload(bot, SourceType.TEXT, "notes.txt", 10))
                .isInstanceOfSatisfying(ChatbotNotAcceptingException.class,
                        e -> assertThat(e.code()).isEqualTo(ChatbotNotAcceptingException.Code.RAG_DISABLED));
        jdbc.update("UPDATE chatbots SET is_active = false WHERE id = ?", bot.chatbotId());
        assertThatThrownBy(() -> upload(bot, SourceType.TEXT, "notes.txt", 10))
                .isInstanceOfSatisfying(ChatbotNotAcceptingException.class,
                        e -> assertThat(e.code()).isEqualTo(ChatbotNotAcceptingException.Code.CHATBOT_DISABLED));
        assertThat(fixtures.counters(bot)).containsEntry("today", 0);
    }

    @Test
    void quotasRefuseInOrderWithTypeCurrentMaxAndRemainingAndWriteNothing() {
        Bot bot = fixtures.bot("Quota");
        fixtures.limits(bot, 2, 1, 100, 3);

        upload(bot, SourceType.PDF, "a.pdf", MIB + MIB / 2);        // 1.5 MiB
        upload(bot, SourceType.DOCX, "b.docx", MIB / 2);            // 2.0 MiB, documents 2 of 2
        Map<String, Object> before = fixtures.counters(bot);

        // storage is checked first: 2.0 + 1.5 > 3 although the document count is also exhausted
        assertThatThrownBy(() -> upload(bot, SourceType.PDF, "c.pdf", MIB + MIB / 2))
                .isInstanceOfSatisfying(QuotaExceeded.class, e -> {
                    assertThat(e.type()).isEqualTo(QuotaExceeded.Type.STORAGE_LIMIT_EXCEEDED);
                    assertThat(List.of(e.current(), e.max(), e.remaining())).containsExactly(2L, 3L, 1L);
                });
        // landing exactly on the storage limit is allowed by storage, then the document count refuses
        assertThatThrownBy(() -> upload(bot, SourceType.PDF, "d.pdf", MIB))
                .isInstanceOfSatisfying(QuotaExceeded.class, e -> {
                    assertThat(e.type()).isEqualTo(QuotaExceeded.Type.PDF_LIMIT_EXCEEDED);
                    assertThat(List.of(e.current(), e.max(), e.remaining())).containsExactly(2L, 2L, 0L);
                });
        // a text file of exactly the remaining storage uses no document quota
        assertThat(sources.create(NewSource.upload(bot.organizationId(), bot.chatbotId(), SourceType.TEXT, "notes", "notes.txt",
                "text/plain", new byte[MIB])).quota()).isEqualTo(new QuotaCheck("storage_mb", 2, 3, 1));
        assertThat(sources.create(NewSource.url(bot.organizationId(), bot.chatbotId(), "https://acme.test/faq", null)).quota())
                .isEqualTo(new QuotaCheck("urls", 0, 1, 1));
        assertThatThrownBy(() -> sources.create(NewSource.url(bot.organizationId(), bot.chatbotId(), "https://acme.test/about", null)))
                .isInstanceOfSatisfying(QuotaExceeded.class, e -> {
                    assertThat(e.type()).isEqualTo(QuotaExceeded.Type.URL_LIMIT_EXCEEDED);
                    assertThat(List.of(e.current(), e.max(), e.remaining())).containsExactly(1L, 1L, 0L);
                });
        // refusals wrote nothing: 4 sources, 4 ingestions today
        assertThat(sources.list(bot.organizationId(), bot.chatbotId(), null, null, 1, 50).total()).isEqualTo(4);
        assertThat(fixtures.counters(bot)).containsEntry("today", 4).containsEntry("pdfs", before.get("pdfs"));

        // the daily limit comes before the counts
        fixtures.limits(bot, null, null, 4, null);
        assertThatThrownBy(() -> sources.create(NewSource.url(bot.organizationId(), bot.chatbotId(), "https://acme.test/x", null)))
                .isInstanceOfSatisfying(QuotaExceeded.class, e -> {
                    assertThat(e.type()).isEqualTo(QuotaExceeded.Type.DAILY_INGESTION_LIMIT_EXCEEDED);
                    assertThat(List.of(e.current(), e.max(), e.remaining())).containsExactly(4L, 4L, 0L);
                });
        assertThatThrownBy(() -> sources.checkQuota(bot.organizationId(), bot.chatbotId(), SourceType.TEXT, 0))
                .isInstanceOf(QuotaExceeded.class);
    }

    @Test
    void concurrentCreationsCannotBothTakeTheLastUnitOfAQuota() throws Exception {
        Bot bot = fixtures.bot("Race");
        fixtures.limits(bot, null, 1, null, null);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String url = "https://race.test/" + i;
                Callable<Boolean> create = () -> {
                    go.await();
                    try {
                        sources.create(NewSource.url(bot.organizationId(), bot.chatbotId(), url, null));
                        return true;
                    } catch (QuotaExceeded e) {
                        return false;
                    }
                };
                results.add(pool.submit(create));
            }
            go.countDown();
            int created = 0;
            for (Future<Boolean> r : results) {
                created += r.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(fixtures.counters(bot)).containsEntry("urls", 1).containsEntry("today", 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listPagesFiltersAndCountsTheChatbotsSources() {
        Bot bot = fixtures.bot("Lists");
        Bot other = fixtures.botOf(bot.organizationId(), "Other bot of the same org");
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(upload(bot, i % 2 == 0 ? SourceType.PDF : SourceType.TEXT, "doc" + i, 10).id());
        }
        upload(other, SourceType.PDF, "elsewhere", 10);
        sources.markFailed(bot.source(created.get(0)), "password_protected", "The PDF is encrypted");

        Page<KnowledgeSource> first = sources.list(bot.organizationId(), bot.chatbotId(), null, null, 1, 2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.items()).extracting(KnowledgeSource::name).containsExactly("doc4", "doc3");
        assertThat(sources.list(bot.organizationId(), bot.chatbotId(), null, null, 3, 2).items())
                .extracting(KnowledgeSource::name).containsExactly("doc0");
        assertThat(sources.list(bot.organizationId(), bot.chatbotId(), null, SourceType.PDF, 1, 20).items())
                .extracting(KnowledgeSource::name).containsExactly("doc4", "doc2", "doc0");
        Page<KnowledgeSource> failed = sources.list(bot.organizationId(), bot.chatbotId(), SyncStatus.FAILED, null, 1, 20);
        assertThat(failed.total()).isEqualTo(1);
        assertThat(failed.items().get(0).errorMessage()).isEqualTo("The PDF is encrypted");
        assertThat(sources.list(bot.organizationId(), bot.chatbotId(), SyncStatus.FAILED, SourceType.TEXT, 1, 20).total()).isZero();
    }

    @Test
    void statusProgressAndTimingsAreVisible() {
        Bot bot = fixtures.bot("Status");
        SourceRef ref = upload(bot, SourceType.PDF, "guide.pdf", 100).ref();

        assertThat(sources.markProcessing(ref)).isTrue();
        sources.progress(ref, 32, 120);
        KnowledgeSource processing = sources.find(ref).orElseThrow();
        assertThat(processing.status()).isEqualTo(SyncStatus.PROCESSING);
        assertThat(processing.chunksEmbedded()).isEqualTo(32);
        assertThat(processing.chunksTotal()).isEqualTo(120);
        assertThat(processing.processingStartedAt()).isNotNull();
        assertThat(processing.processingTimeSeconds()).isNull();

        sources.replaceChunks(ref, chunks("one", "two", "three"), MODEL, 384, "hash-1");
        KnowledgeSource synced = sources.find(ref).orElseThrow();
        assertThat(synced.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(synced.chunksCount()).isEqualTo(3);
        assertThat(List.of(synced.chunksEmbedded(), synced.chunksTotal())).containsExactly(3, 3);
        assertThat(synced.embeddingModel()).isEqualTo(MODEL);
        assertThat(synced.embeddingDimensions()).isEqualTo(384);
        assertThat(synced.lastSyncedAt()).isNotNull();
        assertThat(synced.processingTimeSeconds()).isNotNull().isGreaterThanOrEqualTo(0.0);

        sources.markProcessing(ref);
        sources.markFailed(ref, "unreachable", "Unreachable URL: connection refused");
        KnowledgeSource failed = sources.find(ref).orElseThrow();
        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.errorMessage()).isEqualTo("Unreachable URL: connection refused");
        assertThat(failed.errorCode()).isEqualTo("unreachable");
        assertThat(failed.chunksCount()).as("the last good chunks stay").isEqualTo(3);
    }

    @Test
    void aFailedReplacementMidwayKeepsTheOldChunksSearchable() {
        Bot bot = fixtures.bot("Atomic");
        SourceRef ref = upload(bot, SourceType.PDF, "policy.pdf", 100).ref();
        sources.replaceChunks(ref, chunks("refunds within fourteen days", "exchanges in store", "gift cards"), MODEL, 384, "v1");

        List<ChunkToStore> broken = chunks("new refunds text", "new exchanges text", "new gift text", "new warranty text");
        broken.get(2).embedding()[7] = Float.NaN;  // the database refuses the third row, after two were written
        assertThatThrownBy(() -> sources.replaceChunks(ref, broken, MODEL, 384, "v2")).isInstanceOf(RuntimeException.class);

        KnowledgeSource after = sources.find(ref).orElseThrow();
        assertThat(after.chunksCount()).isEqualTo(3);
        assertThat(after.contentHash()).isEqualTo("v1");
        assertThat(fixtures.chunkRows(ref.sourceId())).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT content FROM search_knowledge_base_text(?, 'refunds', 5)", String.class, bot.chatbotId()))
                .containsExactly("refunds within fourteen days");

        // and a good replacement replaces them all at once
        sources.replaceChunks(ref, chunks("new refunds text", "new warranty text"), MODEL, 384, "v3");
        assertThat(jdbc.queryForList("SELECT content FROM document_chunks WHERE knowledge_source_id = ? ORDER BY chunk_index",
                String.class, ref.sourceId())).containsExactly("new refunds text", "new warranty text");
        assertThat(jdbc.queryForObject("SELECT metadata->>'source_name' FROM document_chunks WHERE knowledge_source_id = ? AND chunk_index = 1",
                String.class, ref.sourceId())).isEqualTo("policy.pdf");
        assertThat(sources.find(ref).orElseThrow().chunksCount()).isEqualTo(2);
    }

    @Test
    void deletingFreesTheQuotaRemovesChunksAndContentAndCountersStayTrue() {
        Bot bot = fixtures.bot("Delete");
        fixtures.limits(bot, 1, null, null, null);
        KnowledgeSource pdf = upload(bot, SourceType.PDF, "only.pdf", 300_000);
        KnowledgeSource url = sources.create(NewSource.url(bot.organizationId(), bot.chatbotId(), "https://acme.test/", null)).source();
        sources.storeContent(url.ref(), "<html>hello</html>".getBytes(StandardCharsets.UTF_8), "text/html");
        KnowledgeSource text = upload(bot, SourceType.TEXT, "notes.txt", 1000);
        sources.replaceChunks(pdf.ref(), chunks("a", "b", "c"), MODEL, 384, "p");
        assertThatThrownBy(() -> upload(bot, SourceType.PDF, "second.pdf", 10)).isInstanceOf(QuotaExceeded.class);
        assertThat(fixtures.counters(bot)).containsEntry("pdfs", 1).containsEntry("urls", 1)
                .containsEntry("bytes", 300_000L + 18 + 1000).containsEntry("today", 3);

        assertThat(sources.delete(pdf.ref())).isTrue();

        assertThat(sources.find(pdf.ref())).isEmpty();
        assertThat(fixtures.chunkRows(pdf.id())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM knowledge_source_content WHERE knowledge_source_id = ?", Long.class, pdf.id()))
                .isZero();
        Map<String, Object> counters = fixtures.counters(bot);
        assertThat(counters).containsEntry("pdfs", 0).containsEntry("urls", 1).containsEntry("bytes", 18L + 1000)
                .as("a deletion does not give back today's ingestion").containsEntry("today", 3);
        assertThat(counters).containsAllEntriesOf(fixtures.countersFromSources(bot));
        QuotaReport report = sources.quota(bot.organizationId(), bot.chatbotId()).orElseThrow();
        assertThat(report.documents()).isEqualTo(new QuotaReport.Usage(0, 1, 1));
        assertThat(report.urls()).isEqualTo(new QuotaReport.Usage(1, 5, 4));
        assertThat(report.dailyIngestions()).isEqualTo(new QuotaReport.Usage(3, 20, 17));
        assertThat(report.storage().currentBytes()).isEqualTo(1018);
        // the freed document quota takes a new PDF again
        upload(bot, SourceType.PDF, "second.pdf", 10);

        sources.delete(url.ref());
        sources.delete(text.ref());
        assertThat(fixtures.counters(bot)).containsAllEntriesOf(fixtures.countersFromSources(bot));
    }

    @Test
    void unchangedContentIsRecognisedSoItIsNotReEmbedded() {
        Bot bot = fixtures.bot("Hashes");
        SourceRef ref = upload(bot, SourceType.TEXT, "faq.txt", 50).ref();
        String hash = ContentHash.sha256("the faq text");
        assertThat(sources.isUnchanged(ref, hash, MODEL)).as("never synced").isFalse();

        sources.replaceChunks(ref, chunks("the faq text"), MODEL, 384, hash);

        sources.markProcessing(ref);  // a resync starts
        assertThat(sources.isUnchanged(ref, hash, MODEL)).isTrue();
        assertThat(sources.isUnchanged(ref, ContentHash.sha256("the faq text, edited"), MODEL)).isFalse();
        assertThat(sources.isUnchanged(ref, hash, "text-embedding-3-small")).as("another model must re-embed").isFalse();
        assertThat(sources.findByContentHash(bot.organizationId(), bot.chatbotId(), hash)).contains(ref.sourceId());
        assertThat(sources.markSyncedUnchanged(ref, hash)).isTrue();
        assertThat(sources.find(ref).orElseThrow().status()).isEqualTo(SyncStatus.SYNCED);
    }
}
