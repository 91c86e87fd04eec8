package hub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo chatbot's knowledge: the demo store's FAQ (opening hours, shipping, returns; Spanish and English,
 * {@code demo/demo-store-faq.md}) is ingested with RAG switched on, once, while the demo chatbot has no knowledge
 * and RAG off, so that even the offline agent answers the README's demo message from it.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true")
public record DemoKnowledge(JdbcTemplate jdbc, KnowledgeIntake intake, HubProperties hub) {

    static final String SOURCE_NAME = "Demo Store FAQ";
    static final String FAQ = "demo/demo-store-faq.md";

    private static final String DEMO_CHATBOT_WITHOUT_KNOWLEDGE = """
            SELECT c.id, c.organization_id
              FROM chatbots c JOIN organizations o ON o.id = c.organization_id
             WHERE o.slug = ? AND c.whatsapp_phone_number_id = ? AND NOT c.rag_enabled
               AND NOT EXISTS (SELECT 1 FROM knowledge_sources ks WHERE ks.chatbot_id = c.id)""";
    private static final String RAG_ON = "UPDATE chatbots SET rag_enabled = true WHERE id = ?";

    private static final Logger log = LoggerFactory.getLogger(DemoKnowledge.class);

    // after the application runners, so the demo organisation exists and the ingestion routes run
    @EventListener(ApplicationReadyEvent.class)
    public void addFaq() throws IOException {
        for (Map<String, Object> bot : jdbc.queryForList(DEMO_CHATBOT_WITHOUT_KNOWLEDGE, DemoData.SLUG, hub.demo().phoneNumberId())) {
            byte[] faq;
            try (InputStream in = new ClassPathResource(FAQ).getInputStream()) {
                faq = in.readAllBytes();
            }
            UUID chatbot = (UUID) bot.get("id");
            jdbc.update(RAG_ON, chatbot);
            try {
                intake.upload((UUID) bot.get("organization_id"), chatbot, SOURCE_NAME, "demo-store-faq.md", "text/markdown", faq);
            } catch (RuntimeException e) {
                log.warn("The demo chatbot's knowledge base could not be added: {}", e.getMessage());
                continue;
            }
            System.out.printf("  Demo chatbot: knowledge base '%s' added (hours, shipping, returns), RAG on.%n%n", SOURCE_NAME);
        }
    }
}
