package hub.knowledge.fetch;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A successfully fetched response (2xx), after redirects.
 *
 * @param finalUrl    the URL that answered, after following redirects
 * @param status      the HTTP status of that answer
 * @param contentType the Content-Type header as sent, or "" when absent
 * @param body        the body bytes (never more than the policy's maxBodyBytes); not copied, do not modify
 * @param fetchedAt   when the answer was received
 */
public record FetchedPage(URI finalUrl, int status, String contentType, byte[] body, Instant fetchedAt) {

    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9_\\-:.]+)");
    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)");
    private static final Pattern XML_ENCODING = Pattern.compile(
            "(?i)<\\?xml[^>]+encoding\\s*=\\s*[\"']([A-Za-z0-9_\\-:.]+)");

    public FetchedPage {
        contentType = contentType == null ? "" : contentType;
        body = body == null ? new byte[0] : body;
    }

    /** The media type without parameters, lower case ("text/html"), or "" when unknown. */
    public String mediaType() {
        return mediaTypeOf(contentType);
    }

    /**
     * The charset of the body: the Content-Type parameter, else a byte order mark, else a
     * {@code <meta charset>} / XML declaration in the first bytes, else UTF-8.
     */
    public Charset charset() {
        Charset declared = charsetNamed(firstGroup(CHARSET_PARAM, contentType));
        if (declared != null) {
            return declared;
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Charset sniffed = charsetNamed(firstGroup(META_CHARSET, head));
        if (sniffed == null) {
            sniffed = charsetNamed(firstGroup(XML_ENCODING, head));
        }
        return sniffed != null ? sniffed : StandardCharsets.UTF_8;
    }

    /** The body decoded with {@link #charset()}, without a leading byte order mark. */
    public String text() {
        String text = new String(body, charset());
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    static String mediaTypeOf(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static Charset charsetNamed(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "FetchedPage[" + UrlNormalizer.forLog(finalUrl) + ", " + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
