package hub.security;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At startup, encrypts WhatsApp access tokens, integration credentials and organisations' Slack webhooks still stored in plain text (written before encryption
 * existed, or by hand with SQL). Until then, and for any plaintext written later by hand, the hub reads
 * such a value as is ({@link SecretCipher#decrypt}); the API always stores ciphertext. Each row is
 * replaced only if it still holds the plaintext that was read, so a concurrent change is never lost.
 */
@Component
public record EncryptStoredSecrets(JdbcTemplate jdbc, SecretCipher cipher) implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EncryptStoredSecrets.class);
    private static final String PLAINTEXT_TOKENS = """
            SELECT id, whatsapp_access_token FROM chatbots
             WHERE whatsapp_access_token IS NOT NULL AND whatsapp_access_token NOT LIKE 'v1:%'""";
    private static final String ENCRYPT_TOKEN = """
            UPDATE chatbots SET whatsapp_access_token = ? WHERE id = ? AND whatsapp_access_token = ?""";

    private static final String PLAINTEXT_CREDENTIALS = """
            SELECT id, credentials_encrypted FROM org_integrations
             WHERE credentials_encrypted IS NOT NULL AND credentials_encrypted NOT LIKE 'v1:%'""";
    private static final String ENCRYPT_CREDENTIALS = """
            UPDATE org_integrations SET credentials_encrypted = ? WHERE id = ? AND credentials_encrypted = ?""";

    private static final String PLAINTEXT_SLACK_WEBHOOKS = """
            SELECT id, slack_webhook_url FROM organizations
             WHERE slack_webhook_url IS NOT NULL AND slack_webhook_url NOT LIKE 'v1:%'""";
    private static final String ENCRYPT_SLACK_WEBHOOK = """
            UPDATE organizations SET slack_webhook_url = ? WHERE id = ? AND slack_webhook_url = ?""";

    @Override
    public void run(ApplicationArguments args) {
        int encrypted = encryptPlaintextTokens();
        if (encrypted > 0) {
            log.info("Encrypted {} WhatsApp access token(s) that were stored in plain text", encrypted);
        }
        int credentials = encryptPlaintextCredentials();
        if (credentials > 0) {
            log.info("Encrypted the credentials of {} integration(s) that were stored in plain text", credentials);
        }
        int webhooks = encryptPlaintext(PLAINTEXT_SLACK_WEBHOOKS, ENCRYPT_SLACK_WEBHOOK, "slack_webhook_url");
        if (webhooks > 0) {
            log.info("Encrypted the Slack webhook of {} organisation(s) that was stored in plain text", webhooks);
        }
    }

    public int encryptPlaintextTokens() {
        return encryptPlaintext(PLAINTEXT_TOKENS, ENCRYPT_TOKEN, "whatsapp_access_token");
    }

    public int encryptPlaintextCredentials() {
        return encryptPlaintext(PLAINTEXT_CREDENTIALS, ENCRYPT_CREDENTIALS, "credentials_encrypted");
    }

    private int encryptPlaintext(String select, String update, String column) {
        int done = 0;
        for (var row : jdbc.queryForList(select)) {
            String plaintext = (String) row.get(column);
            done += jdbc.update(update, cipher.encrypt(plaintext), (UUID) row.get("id"), plaintext);
        }
        return done;
    }
}
