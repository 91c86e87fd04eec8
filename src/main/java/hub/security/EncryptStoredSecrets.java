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
        int webhooks = encryptPlaintext("organizations", "slack_webhook_url");
        if (webhooks > 0) {
            log.info("Encrypted the Slack webhook of {} organisation(s) that was stored in plain text", webhooks);
        }
    }

    public int encryptPlaintextTokens() {
        return encryptPlaintext("chatbots", "whatsapp_access_token");
    }

    public int encryptPlaintextCredentials() {
        return encryptPlaintext("org_integrations", "credentials_encrypted");
    }

    /** Encrypts the values of {@code table.column} still in plain text (ciphertext starts with {@code v1:}). */
    private int encryptPlaintext(String table, String column) {
        String select = "SELECT id, %2$s FROM %1$s WHERE %2$s IS NOT NULL AND %2$s NOT LIKE 'v1:%%'".formatted(table, column);
        String update = "UPDATE %1$s SET %2$s = ? WHERE id = ? AND %2$s = ?".formatted(table, column);
        int done = 0;
        for (var row : jdbc.queryForList(select)) {
            String plaintext = (String) row.get(column);
            done += jdbc.update(update, cipher.encrypt(plaintext), (UUID) row.get("id"), plaintext);
        }
        return done;
    }
}
