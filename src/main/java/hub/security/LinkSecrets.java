package hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of links the hub e-mails (an address's confirmation, a password reset): 256 random bits in URL-safe
 * base64, stored only as their SHA-256, which is enough for a secret that long (no salt or slow hash needed).
 */
public final class LinkSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkSecrets() {
    }

    public static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
