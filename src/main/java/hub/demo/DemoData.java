package hub.demo;

import java.util.UUID;

import hub.config.HubProperties;
import hub.security.ApiKeyRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A demo organisation with one chatbot answering on {@code hub.demo.phone-number-id} and an API key,
 * created on the first start of a local run ({@code hub.demo.enabled}, set by run.sh). The key is
 * printed once, when it is created; only its hash is kept.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

    static final String SLUG = "demo";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApiKeyRepository apiKeys;
    private final HubProperties hub;

    public DemoData(JdbcTemplate jdbc, TransactionTemplate tx, ApiKeyRepository apiKeys, HubProperties hub) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.apiKeys = apiKeys;
        this.hub = hub;
    }

    @Override
    public void run(ApplicationArguments args) {
        String key = tx.execute(status -> {
            if (!jdbc.queryForList("SELECT 1 FROM organizations WHERE slug = ?", SLUG).isEmpty()) {
                return null;
            }
            UUID org = jdbc.queryForObject("""
                    INSERT INTO organizations (name, slug, plan_tier, message_limit_monthly, token_limit_monthly)
                    VALUES ('Demo Store', ?, 'pro', 1000, 1000000) RETURNING id""", UUID.class, SLUG);
            jdbc.update("""
                    INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, model_name, system_prompt, persona)
                    VALUES (?, 'Demo assistant', ?, 'gpt-4o-mini',
                            'You are the assistant of Demo Store. Answer briefly and kindly.', 'Friendly and concise.')""",
                    org, hub.demo().phoneNumberId());
            return apiKeys.create(org, "demo");
        });
        if (key != null) {
            System.out.printf("%n  Demo organisation 'Demo Store' created; chatbot on phone number id %s.%n"
                    + "  Its API key (shown only now): %s%n%n", hub.demo().phoneNumberId(), key);
        }
    }
}
