package hub.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Whether a file's bytes are what its declared MIME type says, by their magic numbers, for the types
 * WhatsApp delivers and the hub reads (Ogg/Opus, MP3, MP4/M4A/AAC, AMR, JPEG, PNG, WebP, PDF, DOCX).
 * A small table rather than a library: Tika is not a dependency, and POI's FileMagic knows no audio or WebP.
 */
public final class MediaSignature {

    private static final byte[] OGG = ascii("OggS");
    private static final byte[] ID3 = ascii("ID3");
    private static final byte[] FTYP = ascii("ftyp");
    private static final byte[] AMR = ascii("#!AMR");
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] PDF = ascii("%PDF-");
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private MediaSignature() {
    }

    /** The MIME type without parameters, lower case ("audio/ogg; codecs=opus" → "audio/ogg"). */
    public static String baseType(String mimeType) {
        if (mimeType == null) {
            return "";
        }
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** True when the bytes match the declared type; false for types the hub does not read. */
    public static boolean matches(String declaredMimeType, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return false;
        }
        return switch (baseType(declaredMimeType)) {
            case "audio/ogg", "audio/opus" -> startsWith(bytes, 0, OGG);
            case "audio/mpeg", "audio/mp3" -> startsWith(bytes, 0, ID3) || mpegFrame(bytes);
            case "audio/mp4", "audio/m4a", "audio/x-m4a" -> startsWith(bytes, 4, FTYP);
            case "audio/aac" -> startsWith(bytes, 4, FTYP) || adtsFrame(bytes);
            case "audio/amr" -> startsWith(bytes, 0, AMR);
            case "image/jpeg", "image/jpg" -> startsWith(bytes, 0, JPEG);
            case "image/png" -> startsWith(bytes, 0, PNG);
            case "image/webp" -> startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP);
            case MediaPolicy.PDF -> indexOf(bytes, PDF, 1024) >= 0;
            case MediaPolicy.DOCX -> startsWith(bytes, 0, ZIP);
            default -> false;
        };
    }

    private static boolean mpegFrame(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0;
    }

    private static boolean adtsFrame(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xF6) == 0xF0;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte[] needle, int within) {
        return IntStream.rangeClosed(0, Math.min(bytes.length - needle.length, within - 1))
                .filter(i -> startsWith(bytes, i, needle)).findFirst().orElse(-1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
