package hub.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import hub.config.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets kept in the database (WhatsApp access tokens, integration credentials) with
 * AES-256-GCM: a random 12-byte nonce per value, stored as {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>}.
 * The version prefix lets a later key or algorithm live next to this one. A value without the prefix
 * is a plaintext written before encryption existed: {@link #decrypt} returns it unchanged, so such a
 * value keeps working until it is encrypted (at startup, see {@code EncryptStoredSecrets}).
 * <p>
 * The key is {@code hub.secrets.key} (base64 of 32 bytes). Without it, a key is generated once into
 * {@code hub.secrets.key-file} (under ./data for a local run) and read from there afterwards.
 * Neither the key nor any secret is ever logged.
 */
@Component
public class SecretCipher {

    public static final String PREFIX = "v1:";
    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    @Autowired
    public SecretCipher(HubProperties hub) {
        this(loadKey(hub.secrets()));
    }

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException("hub.secrets.key must be 32 bytes (base64), it has " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** True when the stored value is ciphertext of this format. */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The ciphertext of {@code plaintext}; null stays null. */
    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * The plaintext of a stored value; a value without the {@code v1:} prefix is a legacy plaintext and is
     * returned as is. Fails (without revealing anything) when the value was sealed with another key or altered.
     */
    public String decrypt(String stored) {
        if (stored == null || !isEncrypted(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (in.length <= NONCE_BYTES) {
                throw new IllegalStateException("a stored secret is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted with the configured hub.secrets.key");
        }
    }

    private static byte[] loadKey(HubProperties.Secrets settings) {
        if (settings.key() != null && !settings.key().isBlank()) {
            return decodeKey(settings.key().strip(), "hub.secrets.key");
        }
        Path file = settings.keyFile();
        try {
            if (Files.exists(file)) {
                log.info("Secrets at rest are encrypted with the key in {} (hub.secrets.key is not set)", file);
                return decodeKey(Files.readString(file).strip(), file.toString());
            }
            byte[] generated = new byte[32];
            RANDOM.nextBytes(generated);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try { // readable by the owner only from the moment it exists
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(generated) + "\n");
            log.warn("hub.secrets.key is not set: generated a new secrets key into {}. Keep this file (or set "
                    + "HUB_SECRETS_KEY to its content): without it the stored WhatsApp tokens cannot be read", file);
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("hub.secrets.key is not set and the key file " + file + " cannot be used: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] decodeKey(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not valid base64");
        }
    }
}
