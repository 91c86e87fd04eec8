package routes;

import hub.config.HubProperties;
import hub.knowledge.ingest.IngestionJob;
import hub.knowledge.ingest.IngestionQueue;
import hub.knowledge.store.SourceType;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.kafka.CommitOffset;

/**
 * Knowledge ingestion, one source at a time per consumer:
 * kafka:knowledge.ingest → mark processing → content-based router by source type
 * (url: fetch → extract page │ pdf │ docx │ html/markdown/text: extract the stored original)
 * → content unchanged? synced as is : chunk → embed in batches (progress) → replace chunks atomically → synced.
 * Any failure marks the source failed with a readable message and the route goes on with the next
 * one; offsets are committed once a source is finished or failed. Sources that stall (an instance
 * stopped mid-way, a record that never reached the broker) are queued again by the recovery sweep.
 */
@Component
public class KnowledgeIngestRoutes extends RouteBuilder {

    private static final Predicate ACTIVE = e -> !e.getIn().getBody(IngestionJob.class).skipped();
    private static final Predicate UNCHANGED = e -> e.getIn().getBody(IngestionJob.class).unchanged();

    private final HubProperties hub;

    public KnowledgeIngestRoutes(HubProperties hub) {
        this.hub = hub;
    }

    @Override
    public void configure() {
        // queue: one record per source, keyed by its id, acknowledged by the broker (acks=all)
        from(IngestionQueue.ENDPOINT).routeId("knowledge-ingest-queue")
                .to("kafka:{{hub.kafka.topics.knowledge-ingest:knowledge.ingest}}?synchronous=true")
                .id("send-to-ingest-topic");

        int consumers = Math.max(1, hub.ingest().concurrency());
        from("kafka:{{hub.kafka.topics.knowledge-ingest:knowledge.ingest}}?groupId=hub-knowledge-ingest"
                // one record per poll; an idle poll returns within 1 s, so stopping a consumer takes at most that
                + "&autoOffsetReset=earliest&maxPollRecords=1&pollTimeoutMs=1000"
                // offsets committed once a record is finished or failed (see CommitOffset)
                + CommitOffset.CONSUMER_OPTIONS
                // one source may take minutes (a 2,000-page PDF): do not let the group consider the consumer dead
                + "&maxPollIntervalMs=1800000&consumersCount=" + consumers)
                .routeId("knowledge-ingest").group(HubProperties.Role.KNOWLEDGE.group())
                .onException(Exception.class)
                    .handled(true)
                    .process("failIngestion").id("mark-failed")
                    .process("commitOffset").id("commit-failed-source-offset")
                .end()
                .process("startIngestion").id("mark-processing")
                .filter(ACTIVE)
                    .choice()
                        .when(type(SourceType.URL))
                            .process("fetchPage").id("fetch-page")
                            .process("extractFetchedPage").id("extract-page")
                        .when(type(SourceType.PDF))
                            .process("extractStoredDocument").id("extract-pdf")
                        .when(type(SourceType.DOCX))
                            .process("extractStoredDocument").id("extract-docx")
                        .otherwise()
                            .process("extractStoredDocument").id("extract-text")
                    .end()
                    .process("checkContentUnchanged").id("fingerprint-content")
                    .choice()
                        .when(UNCHANGED)
                            .process("markSyncedUnchanged").id("synced-unchanged")
                        .otherwise()
                            .process("chunkDocument").id("chunk")
                            .process("embedChunks").id("embed")
                            .process("storeChunks").id("store-chunks")
                    .end()
                .end()
                .process("commitOffset").id("commit-source-offset")
                .setBody(constant(null));

        from("timer:knowledge-ingest-recovery?delay=30000&period=60000").routeId("knowledge-ingest-recovery")
                .group(HubProperties.Role.JOBS.group())
                .routePolicyRef("oncePerSchedule")
                .process("requeueUnfinishedSources").id("requeue-unfinished");
    }

    private static Predicate type(SourceType type) {
        return e -> e.getIn().getBody(IngestionJob.class).type() == type;
    }
}
