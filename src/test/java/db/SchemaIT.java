package db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The migrated schema on the real PostgreSQL + pgvector: constraints, counters and vector indexes. */
@IntegrationTest
class SchemaIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Tenants tenants;
    @Autowired
    TransactionTemplate tx;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = tenants.create("Schema " + UUID.randomUUID());
    }

    @Test
    void everyTableOfTheDataModelExists() {
        List<String> tables = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class);
        assertThat(tables).contains("organizations", "users", "api_keys", "org_integrations", "chatbots",
                "chatbot_integrations", "contacts", "messages", "webhook_events", "usage_logs", "usage_summary",
                "knowledge_sources", "daily_ingestion_counts", "document_chunks", "tool_executions", "system_alerts", "leads");
    }

    @Test
    void enumerationsAreChecked() {
        assertThatThrownBy(() -> jdbc.update("UPDATE organizations SET plan_tier = 'gold' WHERE id = ?", tenant.organizationId()))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE chatbots SET whatsapp_phone_number_id = (SELECT whatsapp_phone_number_id FROM chatbots WHERE id <> ? LIMIT 1) WHERE id = ?",
                tenant.chatbotId(), tenant.chatbotId()))
                .as("a WhatsApp number routes to one chatbot").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO system_alerts (type, severity, message) VALUES ('OOPS', 'info', 'x')"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO messages (organization_id, chatbot_id, role, message_type, content) VALUES (?, ?, 'user', 'fax', 'x')",
                tenant.organizationId(), tenant.chatbotId())).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO webhook_events (whatsapp_message_id, phone_number_id, status) VALUES ('wamid.enum', '1', 'lost')"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theColumnsThePipelineWritesRefuseWhatTheirTypesDoNotAllow() {
        UUID org = tenant.organizationId();
        UUID bot = tenant.chatbotId();
        UUID contact = jdbc.queryForObject("INSERT INTO contacts (organization_id, chatbot_id, phone_number) VALUES (?, ?, '4915100') RETURNING id",
                UUID.class, org, bot);
        List<String> refused = List.of(
                "INSERT INTO messages (contact_id, role, content) VALUES ('%s', 'robot', 'x')".formatted(contact),
                "INSERT INTO messages (contact_id, role, content, metadata) VALUES ('%s', 'user', 'x', '[]')".formatted(contact),
                "INSERT INTO messages (contact_id, role, content, part_index) VALUES ('%s', 'user', 'x', -1)".formatted(contact),
                "UPDATE messages SET delivery_status = 'lost' WHERE contact_id = '%s'".formatted(contact),
                "UPDATE contacts SET conversation_mode = 'robot' WHERE id = '%s'".formatted(contact),
                "UPDATE contacts SET unread_count = -1 WHERE id = '%s'".formatted(contact),
                "UPDATE contacts SET phone_number = '  ' WHERE id = '%s'".formatted(contact),
                "INSERT INTO webhook_events (whatsapp_message_id, phone_number_id, reply_status) VALUES ('wamid.reply', '1', 'maybe')",
                "INSERT INTO webhook_events (whatsapp_message_id, phone_number_id) VALUES (' ', '1')",
                "INSERT INTO usage_logs (organization_id, chatbot_id, tokens_input) VALUES ('%s', '%s', -5)".formatted(org, bot),
                "INSERT INTO usage_logs (organization_id, chatbot_id, estimated_cost_usd) VALUES ('%s', '%s', -0.01)".formatted(org, bot));
        jdbc.update("INSERT INTO messages (contact_id, role, content) VALUES (?, 'user', 'x')", contact);
        for (String statement : refused) {
            assertThatThrownBy(() -> jdbc.update(statement)).as(statement).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE contact_id = ?", Integer.class, contact)).isEqualTo(1);
    }

    @Test
    void aMessagesDirectionFollowsItsRole() {
        Long id = jdbc.queryForObject("INSERT INTO messages (organization_id, chatbot_id, role, content) VALUES (?, ?, 'user', 'hi') RETURNING id",
                Long.class, tenant.organizationId(), tenant.chatbotId());
        assertThat(direction(id)).isEqualTo("inbound");
        jdbc.update("UPDATE messages SET direction = 'outbound' WHERE id = ?", id);
        assertThat(direction(id)).as("written directly, it still follows the role").isEqualTo("inbound");
        jdbc.update("UPDATE messages SET role = 'agent' WHERE id = ?", id);
        assertThat(direction(id)).isEqualTo("outbound");
    }

    private String direction(long messageId) {
        return jdbc.queryForObject("SELECT direction FROM messages WHERE id = ?", String.class, messageId);
    }

    @Test
    void knowledgeCountersFollowInsertsAndDeletes() {
        UUID pdf = jdbc.queryForObject("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, file_size_bytes)
                VALUES (?, ?, 'pdf', 'Manual', 5242880) RETURNING id""", UUID.class, tenant.organizationId(), tenant.chatbotId());
        jdbc.update("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, file_path)
                VALUES (?, ?, 'url', 'Home', 'https://example.com/')""", tenant.organizationId(), tenant.chatbotId());
        assertThat(jdbc.queryForMap("SELECT current_knowledge_pdfs, current_knowledge_urls, current_storage_mb FROM organizations WHERE id = ?",
                tenant.organizationId())).containsEntry("current_knowledge_pdfs", 1).containsEntry("current_knowledge_urls", 1)
                .hasEntrySatisfying("current_storage_mb", mb -> assertThat(mb.toString()).isEqualTo("5.00"));

        jdbc.update("DELETE FROM knowledge_sources WHERE id = ?", pdf);
        assertThat(jdbc.queryForMap("SELECT current_knowledge_pdfs, current_storage_bytes FROM organizations WHERE id = ?",
                tenant.organizationId())).containsEntry("current_knowledge_pdfs", 0).containsEntry("current_storage_bytes", 0L);
    }

    @Test
    void localAndOpenAiEmbeddingsLiveInOneTableAndUseTheirOwnHnswIndex() {
        UUID source = jdbc.queryForObject("""
                INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name) VALUES (?, ?, 'text', 'Notes') RETURNING id""",
                UUID.class, tenant.organizationId(), tenant.chatbotId());
        Random random = new Random(7);
        String target384 = vector(random, 384);
        insertChunk(source, 0, "horarios de apertura", target384, "all-minilm-l6-v2");
        insertChunk(source, 1, "precios del plan pro", vector(random, 384), "all-minilm-l6-v2");
        insertChunk(source, 2, "opening hours", vector(random, 1536), "text-embedding-3-small");
        assertThat(jdbc.queryForObject("SELECT chunks_count FROM knowledge_sources WHERE id = ?", Integer.class, source)).isEqualTo(3);

        var nearest = jdbc.queryForMap("SELECT content, similarity FROM search_knowledge_base(?, ?::vector, 5, 0.5)",
                tenant.chatbotId(), target384);
        assertThat(nearest).containsEntry("content", "horarios de apertura");
        assertThat(((Number) nearest.get("similarity")).doubleValue()).isGreaterThan(0.999);

        for (int dims : new int[] {384, 1536}) {
            String plan = tx.execute(status -> {
                jdbc.execute("SET LOCAL enable_seqscan = off");
                jdbc.execute("SET LOCAL enable_bitmapscan = off");
                return String.join("\n", jdbc.queryForList("EXPLAIN SELECT id FROM document_chunks WHERE embedding_dimensions = "
                        + dims + " ORDER BY embedding::vector(" + dims + ") <=> ?::vector(" + dims + ") LIMIT 5",
                        String.class, vector(new Random(dims), dims)));
            });
            assertThat(plan).contains("document_chunks_embedding_" + dims + "_hnsw_idx");
        }
    }

    private void insertChunk(UUID source, int index, String content, String embedding, String model) {
        jdbc.update("""
                INSERT INTO document_chunks (knowledge_source_id, chatbot_id, chunk_index, content, embedding, embedding_model)
                VALUES (?, ?, ?, ?, ?::vector, ?)""", source, tenant.chatbotId(), index, content, embedding, model);
    }

    private static String vector(Random random, int dims) {
        return IntStream.range(0, dims).mapToObj(i -> String.format(Locale.ROOT, "%.5f", random.nextGaussian()))
                .collect(Collectors.joining(",", "[", "]"));
    }
}
