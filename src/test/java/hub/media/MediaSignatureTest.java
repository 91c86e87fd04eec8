package hub.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MediaSignatureTest {

    @Test
    void theBytesMustBeWhatTheDeclaredTypeSays() {
        assertThat(MediaSignature.matches("audio/ogg; codecs=opus", ascii("OggS\0\2rest"))).isTrue();
        assertThat(MediaSignature.matches("audio/mpeg", ascii("ID3\4\0"))).isTrue();
        assertThat(MediaSignature.matches("audio/mpeg", new byte[] {(byte) 0xFF, (byte) 0xFB, 0x50})).isTrue();
        assertThat(MediaSignature.matches("audio/mp4", ascii("\0\0\0\u0020ftypM4A "))).isTrue();
        assertThat(MediaSignature.matches("audio/aac", new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50})).isTrue();
        assertThat(MediaSignature.matches("audio/amr", ascii("#!AMR\n"))).isTrue();
        assertThat(MediaSignature.matches("IMAGE/JPEG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).isTrue();
        assertThat(MediaSignature.matches("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})).isTrue();
        assertThat(MediaSignature.matches("image/webp", ascii("RIFF\1\0\0\0WEBPVP8 "))).isTrue();
        assertThat(MediaSignature.matches("application/pdf", ascii("\n%PDF-1.7"))).isTrue();
        assertThat(MediaSignature.matches(MediaPolicy.DOCX, ascii("PK\3\4"))).isTrue();

        assertThat(MediaSignature.matches("image/jpeg", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})).isFalse();
        assertThat(MediaSignature.matches("audio/ogg", ascii("MZ\u0090\0"))).isFalse();
        assertThat(MediaSignature.matches("image/webp", ascii("RIFF\1\0\0\0WAVEfmt "))).isFalse();
        assertThat(MediaSignature.matches("application/x-msdownload", ascii("MZ"))).isFalse();
        assertThat(MediaSignature.matches("image/png", new byte[0])).isFalse();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
