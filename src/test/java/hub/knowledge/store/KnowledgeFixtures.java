package hub.knowledge.store;

import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Organisations and chatbots for the knowledge store tests; each test makes its own. */
@Component
public class KnowledgeFixtures {

    private static final AtomicLong PHONE_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000 + 7);

    public record Bot(UUID organizationId, UUID chatbotId) {
        public SourceRef source(UUID id) {
            return new SourceRef(organizationId, chatbotId, id);
        }
    }

    private final JdbcTemplate jdbc;

    public KnowledgeFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Bot bot(String name) {
        UUID org = jdbc.queryForObject("INSERT INTO organizations (name, plan_tier) VALUES (?, 'pro') RETURNING id", UUID.class, name);
        return botOf(org, name);
    }

    public Bot botOf(UUID org, String name) {
        UUID chatbot = jdbc.queryForObject("""
                INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, rag_enabled) VALUES (?, ?, ?, true)
                RETURNING id""", UUID.class, org, name + " bot", String.valueOf(PHONE_IDS.incrementAndGet()));
        return new Bot(org, chatbot);
    }

    /** Sets the organisation's knowledge limits (null = leave). */
    public void limits(Bot bot, Integer pdfs, Integer urls, Integer perDay, Integer storageMb) {
        jdbc.update("""
                UPDATE organizations SET max_knowledge_pdfs = coalesce(?, max_knowledge_pdfs),
                       max_knowledge_urls = coalesce(?, max_knowledge_urls),
                       max_knowledge_ingestions_per_day = coalesce(?, max_knowledge_ingestions_per_day),
                       max_knowledge_storage_mb = coalesce(?, max_knowledge_storage_mb)
                 WHERE id = ?""", pdfs, urls, perDay, storageMb, bot.organizationId());
    }

    public Map<String, Object> counters(Bot bot) {
        return jdbc.queryForMap("""
                SELECT current_knowledge_pdfs AS pdfs, current_knowledge_urls AS urls, current_storage_bytes AS bytes,
                       coalesce((SELECT ingestion_count FROM daily_ingestion_counts d
                                  WHERE d.organization_id = o.id AND d.date = CURRENT_DATE), 0) AS today
                  FROM organizations o WHERE id = ?""", bot.organizationId());
    }

    /** The counters as recomputed from the sources themselves (what they must always equal). */
    public Map<String, Object> countersFromSources(Bot bot) {
        return jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE source_type IN ('pdf', 'doc', 'docx'))::int AS pdfs,
                       count(*) FILTER (WHERE source_type = 'url')::int AS urls,
                       coalesce(sum(file_size_bytes), 0)::bigint AS bytes
                  FROM knowledge_sources WHERE organization_id = ?""", bot.organizationId());
    }

    public long chunkRows(UUID sourceId) {
        return jdbc.queryForObject("SELECT count(*) FROM document_chunks WHERE knowledge_source_id = ?", Long.class, sourceId);
    }

    public static float[] randomUnit(Random random, int dims) {
        float[] v = new float[dims];
        double n = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < dims; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }
}
