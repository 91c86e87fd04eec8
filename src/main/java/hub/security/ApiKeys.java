package hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API key format and hashing. A key is {@code wah_<8-char prefix>_<32-char secret>}; the database
 * keeps only its SHA-256 (keys are random, so a fast hash is enough) and the prefix, which lets an
 * operator recognise a key without being able to use it.
 */
public final class ApiKeys {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A newly created key: the plaintext is shown once and never stored. */
    public record NewKey(String plaintext, String prefix, String hash) {
    }

    private ApiKeys() {
    }

    public static NewKey generate() {
        String prefix = random(8);
        String plaintext = "wah_" + prefix + "_" + random(32);
        return new NewKey(plaintext, prefix, hash(plaintext));
    }

    public static String hash(String plaintext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random text of {@code length} letters and digits that cannot be mistaken for one another. */
    static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
