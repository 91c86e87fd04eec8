package hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import hub.TestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void encryptsWithARandomNonceAndDecryptsBack() {
        SecretCipher cipher = new SecretCipher(KEY);
        String a = cipher.encrypt("EAAG-secret");
        String b = cipher.encrypt("EAAG-secret");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("EAAG");
        assertThat(cipher.decrypt(a)).isEqualTo("EAAG-secret");
        assertThat(cipher.decrypt(b)).isEqualTo("EAAG-secret");
        assertThat(cipher.encrypt(null)).isNull();
    }

    @Test
    void plaintextWithoutThePrefixIsReadAsIs() {
        assertThat(new SecretCipher(KEY).decrypt("EAAG-legacy")).isEqualTo("EAAG-legacy");
    }

    @Test
    void anotherKeyOrATamperedValueCannotBeDecrypted() {
        String sealed = new SecretCipher(KEY).encrypt("EAAG-secret");
        SecretCipher other = new SecretCipher("fedcba9876543210fedcba9876543210".getBytes());
        assertThatThrownBy(() -> other.decrypt(sealed)).hasMessageNotContaining("EAAG");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> new SecretCipher(KEY).decrypt("v1:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeyOneIsGeneratedOnceIntoTheKeyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/secrets.key");
        var settings = TestProperties.hub(Map.of("hub.secrets.key-file", file.toString()));
        String sealed = new SecretCipher(settings).encrypt("EAAG-secret");
        assertThat(Files.readString(file).strip()).hasSize(44);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("only the owner reads the key").isEqualTo("rw-------");
        assertThat(new SecretCipher(settings).decrypt(sealed)).as("the same key after a restart").isEqualTo("EAAG-secret");
    }

    @Test
    void aConfiguredKeyOfTheWrongSizeIsRefused() {
        var settings = TestProperties.hub(Map.of("hub.secrets.key", Base64.getEncoder().encodeToString(new byte[16])));
        assertThatThrownBy(() -> new SecretCipher(settings)).hasMessageContaining("32 bytes");
    }
}
