package hub.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import hub.config.HubProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges that cost a query to read: the consumer lag per topic and group (Kafka's admin API) and the knowledge
 * sources by ingestion status. They are read every {@code hub.metrics.refresh-interval} on a thread of their own,
 * not on every scrape; a read that fails keeps the last values and is tried again next time.
 */
@Component
public class RefreshedGauges {

    private static final Logger log = LoggerFactory.getLogger(RefreshedGauges.class);
    // every organisation's sources in one scan per refresh: operators' numbers, not a tenant's
    private static final String SOURCES_BY_STATUS = """
            SELECT sync_status, count(*),
                   coalesce(sum(greatest(coalesce(chunks_total, 0) - chunks_embedded, 0)) FILTER (WHERE sync_status = 'processing'), 0)
              FROM knowledge_sources GROUP BY sync_status""";

    private final ConsumerLag consumerLag;
    private final JdbcTemplate jdbc;
    private final long intervalMillis;
    private final MultiGauge lag;
    private final Map<String, AtomicLong> sources = new LinkedHashMap<>();
    private final AtomicLong chunksWaiting = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private boolean lagFailing;
    private boolean sourcesFailing;

    public RefreshedGauges(Admin kafkaAdmin, JdbcTemplate jdbc, MeterRegistry registry, HubProperties hub) {
        HubProperties.Topics topics = hub.kafka().topics();
        this.consumerLag = new ConsumerLag(kafkaAdmin, List.of(topics.inbound(), topics.status(), topics.knowledgeIngest()));
        this.jdbc = jdbc;
        this.intervalMillis = Math.max(100, hub.metrics().refreshInterval().toMillis());
        this.lag = MultiGauge.builder("hub.kafka.consumer.lag").baseUnit("records")
                .description("Records of the topic that its consumer group has not committed yet").register(registry);
        for (String status : List.of("pending", "processing", "synced", "failed")) {
            AtomicLong count = new AtomicLong();
            sources.put(status, count);
            Gauge.builder("hub.knowledge.sources", count, AtomicLong::get).description("Knowledge sources by ingestion status")
                    .tag("status", status).register(registry);
        }
        Gauge.builder("hub.knowledge.chunks.waiting", chunksWaiting, AtomicLong::get)
                .description("Chunks of the sources being ingested that are not embedded yet").register(registry);
    }

    @PostConstruct
    void start() {
        refresher.scheduleWithFixedDelay(this::refresh, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    private void refresh() {
        try {
            lag.register(consumerLag.read().entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("topic", e.getKey().topic(), "group", e.getKey().group()), e.getValue()))
                    .toList(), true);
            lagFailing = false;
        } catch (Exception e) {
            lagFailing = logFailure(lagFailing, "Kafka consumer lag", e);
        }
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            long[] waiting = {0};
            jdbc.query(SOURCES_BY_STATUS, rs -> {
                counts.put(rs.getString(1), rs.getLong(2));
                waiting[0] += rs.getLong(3);
            });
            sources.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
            chunksWaiting.set(waiting[0]);
            sourcesFailing = false;
        } catch (Exception e) {
            sourcesFailing = logFailure(sourcesFailing, "knowledge ingestion", e);
        }
    }

    // once per run of failures: Kafka or the database being away is reported by health and alerts already
    private static boolean logFailure(boolean alreadyFailing, String what, Exception e) {
        if (!alreadyFailing) {
            log.warn("The {} gauges could not be read, they keep their last values: {}", what, e.toString());
        }
        return true;
    }
}
