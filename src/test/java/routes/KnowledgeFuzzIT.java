package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.knowledge.TestDocuments;
import hub.knowledge.TestDocuments.Heading;
import hub.knowledge.TestDocuments.Paragraph;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mutated PDFs and DOCX files through the upload API (bytes flipped, cut, zeroed, repeated): every
 * accepted upload ends synced or failed with a readable message, and the hub keeps ingesting good
 * documents afterwards. Seeded, so a failure can be replayed.
 */
@IntegrationTest
class KnowledgeFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    private static final int PER_TYPE = Integer.getInteger("fuzz.documents", 30);

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    @Test
    void mutatedDocumentsEndSyncedOrFailedWithAMessageAndTheHubGoesOn() {
        Tenant tenant = tenants.create("Fuzz " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET rag_enabled = true WHERE id = ?", tenant.chatbotId());
        jdbc.update("""
                UPDATE organizations SET max_knowledge_pdfs = 1000, max_knowledge_ingestions_per_day = 1000,
                       max_knowledge_storage_mb = 1000 WHERE id = ?""", tenant.organizationId());
        KnowledgeClient knowledge = new KnowledgeClient(new HubHttp(port), mapper, tenant.apiKey(), tenant.chatbotId());
        Random random = new Random(SEED);
        byte[] pdf = TestDocuments.pdf("Manual", List.of("Warranty\n\nTwo years on every tent.",
                "Returns\n\nUnused items can be returned within 30 days.", "Shipping\n\nOrders ship in two days."));
        byte[] docx = TestDocuments.docx("Manual", List.of(new Heading("Warranty"), new Paragraph("Two years on every tent."),
                new Heading("Returns"), new Paragraph("Unused items can be returned within 30 days.")));

        List<UUID> accepted = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < PER_TYPE * 2; i++) {
            boolean isPdf = i % 2 == 0;
            byte[] mutated = mutate(isPdf ? pdf : docx, random);
            HttpResponse<String> response = knowledge.upload("doc-" + i + (isPdf ? ".pdf" : ".docx"), mutated, "Mutated " + i);
            if (response.statusCode() == 202) {
                accepted.add(KnowledgeClient.sourceId(knowledge.json(response)));
            } else {
                assertThat(response.statusCode()).as(response.body()).isIn(400, 413, 415);
                assertThat(knowledge.json(response).path("error").path("message").asText()).isNotBlank();
                refused.add(response.statusCode());
            }
        }

        int synced = 0;
        for (UUID source : accepted) {
            JsonNode finished = knowledge.awaitFinished(source);
            if ("failed".equals(finished.path("status").asText())) {
                assertThat(finished.path("error").asText()).as(finished.toString()).isNotBlank();
            } else {
                synced++;
            }
        }
        System.out.printf("KnowledgeFuzzIT: %d mutated documents, %d refused at upload %s, %d synced, %d failed with a message%n",
                PER_TYPE * 2, refused.size(), refused, synced, accepted.size() - synced);
        assertThat(accepted.size() + refused.size()).isEqualTo(PER_TYPE * 2);
        assertThat(synced).as("some mutations leave a readable document").isPositive();

        JsonNode good = knowledge.awaitFinished(KnowledgeClient.sourceId(knowledge.json(knowledge.upload("good.pdf", pdf, "Good"))));
        assertThat(good.path("status").asText()).isEqualTo("synced");
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = random.nextInt(20) + 1; i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> {
                int from = random.nextInt(bytes.length);
                Arrays.fill(bytes, from, Math.min(bytes.length, from + random.nextInt(512) + 1), (byte) 0);
            }
            case 3 -> {
                int from = random.nextInt(bytes.length);
                byte[] longer = Arrays.copyOf(bytes, bytes.length * 2 - from);
                System.arraycopy(bytes, from, longer, bytes.length, bytes.length - from);
                bytes = longer;
            }
            default -> {
                int from = random.nextInt(bytes.length), to = random.nextInt(bytes.length);
                int length = Math.min(random.nextInt(256) + 1, Math.min(bytes.length - from, bytes.length - to));
                System.arraycopy(original, from, bytes, to, length);
            }
        }
        return bytes;
    }
}
