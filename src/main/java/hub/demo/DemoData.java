package hub.demo;

import java.util.UUID;

import hub.config.HubProperties;
import hub.security.ApiKeyRepository;
import hub.security.Caller;
import hub.security.PeopleRepository;
import hub.security.PersonAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A demo organisation with one chatbot answering on {@code hub.demo.phone-number-id}, an API key and an owner
 * ({@value #OWNER_EMAIL}) who signs in to the console, created on the first start of a local run
 * ({@code hub.demo.enabled}, set by run.sh). The key and the owner's password are printed once, when they are
 * created; only their hashes are kept.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

    static final String SLUG = "demo";
    static final String OWNER_EMAIL = "owner@demo.example";

    private record Created(String apiKey, String ownerPassword) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ApiKeyRepository apiKeys;
    private final PersonAccounts accounts;
    private final PeopleRepository people;
    private final HubProperties hub;
    private final String port;

    public DemoData(JdbcTemplate jdbc, TransactionTemplate tx, ApiKeyRepository apiKeys, PersonAccounts accounts,
                    PeopleRepository people, HubProperties hub, @Value("${server.port:8080}") String port) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.people = people;
        this.hub = hub;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        Created created = tx.execute(status -> {
            UUID org = jdbc.queryForList("SELECT id FROM organizations WHERE slug = ?", UUID.class, SLUG).stream().findFirst().orElse(null);
            String key = null;
            if (org == null) {
                org = jdbc.queryForObject("""
                        INSERT INTO organizations (name, slug, plan_tier, message_limit_monthly, token_limit_monthly)
                        VALUES ('Demo Store', ?, 'pro', 1000, 1000000) RETURNING id""", UUID.class, SLUG);
                jdbc.update("""
                        INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, model_name, system_prompt, persona)
                        VALUES (?, 'Demo assistant', ?, 'gpt-4o-mini',
                                'You are the assistant of Demo Store. Answer briefly and kindly.', 'Friendly and concise.')""",
                        org, hub.demo().phoneNumberId());
                key = apiKeys.create(org, "demo");
            }
            // a demo organisation from before the console gets its owner too
            String password = people.account(OWNER_EMAIL).isPresent() ? null
                    : accounts.create(org, OWNER_EMAIL, "Demo owner", Caller.OWNER, false).initialPassword();
            return new Created(key, password);
        });
        if (created.apiKey() != null) {
            System.out.printf("%n  Demo organisation 'Demo Store' created; chatbot on phone number id %s.%n"
                    + "  Its API key (shown only now): %s%n", hub.demo().phoneNumberId(), created.apiKey());
        }
        if (created.ownerPassword() != null) {
            System.out.printf("%n  Console: http://localhost:%s/console sign-in %s, password (shown only now): %s%n%n",
                    port, OWNER_EMAIL, created.ownerPassword());
        }
    }
}
