package hub.knowledge.fetch;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import crawlercommons.filters.basic.BasicURLNormalizer;

/**
 * URL parsing and normalisation, so one page has one spelling. crawler-commons' {@code BasicURLNormalizer}
 * gives the lower-case scheme and host, no default port, no fragment, no user info, resolved dot segments
 * and canonical escapes in the path; on top of it {@code /path/} is the same as {@code /path},
 * tracking parameters ({@code utm_*}, {@code gclid}, {@code fbclid}, {@code msclkid}) removed, other
 * query parameters kept in their order, percent-escapes in upper case.
 */
public final class UrlNormalizer {

    private static final Pattern PARTS = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9+.\\-]*):(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$", Pattern.DOTALL);
    private static final Set<String> TRACKING = Set.of("gclid", "fbclid", "msclkid");
    private static final String UNRESERVED_PUNCT = "-._~";
    private static final BasicURLNormalizer LIBRARY = BasicURLNormalizer.newBuilder().build();
    private static final String EMPTY_SEGMENT = "%00";

    private UrlNormalizer() {
    }

    /**
     * Parses what users and web pages write: surrounding blanks are trimmed, spaces and non-ASCII
     * characters are percent-encoded, international host names are converted to their ASCII form.
     *
     * @throws FetchException {@code invalid_url} when the text is not an absolute URL with a host
     */
    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("");
        }
        String s = text.strip();
        URI uri = tryParse(s);
        if (uri == null || (uri.getHost() == null && uri.getRawAuthority() != null)) {
            uri = tryParse(repair(s));
        }
        if (uri == null || !uri.isAbsolute()) {
            throw invalid(s);
        }
        return uri;
    }

    /** The normalised form of an absolute http(s) URL with a host; other URLs are returned unchanged. */
    public static URI normalize(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null || uri.isOpaque()) {
            return uri;
        }
        // The library's form of everything but the query: it would sort query parameters and merge empty
        // path segments ("a//b"), which would change the URLs already stored. Empty segments pass through
        // it as a marker segment.
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean emptySegments = path.contains("//") && !path.contains(EMPTY_SEGMENT);
        if (emptySegments) {
            path = path.replace("//", "/" + EMPTY_SEGMENT + "/").replace("//", "/" + EMPTY_SEGMENT + "/");
        }
        String normalized = LIBRARY.filter(uri.getScheme() + "://" + uri.getRawAuthority() + path);
        if (normalized == null) {
            return uri;
        }
        if (emptySegments) {
            normalized = normalized.replace(EMPTY_SEGMENT, "");
        }
        try {
            URI n = new URI(normalized);
            path = n.getRawPath() == null || n.getRawPath().isEmpty() ? "/" : n.getRawPath();
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String query = filterQuery(uri.getRawQuery());
            return new URI(n.getScheme() + "://" + n.getRawAuthority() + path + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    /**
     * Resolves a reference (a redirect's Location, a link) against the URL it appeared on, tolerating
     * characters that should have been percent-encoded.
     *
     * @throws FetchException {@code invalid_url} when the reference cannot be resolved
     */
    public static URI resolve(URI base, String reference) {
        String ref = reference == null ? "" : reference.strip();
        URI r = tryParse(ref);
        if (r == null) {
            r = tryParse(PARTS.matcher(ref).matches() ? repair(ref) : encodeIllegal(ref, true));
        }
        if (r == null) {
            throw invalid(ref);
        }
        if (r.isAbsolute()) {
            return r;
        }
        if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
            base = base.resolve("/"); // URI.resolve would glue "a" onto the host of "http://host"
        }
        return base.resolve(r);
    }

    /** Parse then normalise. */
    public static URI normalize(String text) {
        return normalize(parse(text));
    }

    /**
     * The site a URL belongs to: host without a leading {@code www.}, plus a non-default port.
     * {@code http://www.example.com/} and {@code https://example.com/a} are the same site.
     */
    public static String site(URI uri) {
        URI n = normalize(uri);
        String host = n.getHost() == null ? "" : n.getHost();
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return n.getPort() >= 0 ? host + ":" + n.getPort() : host;
    }

    public static boolean sameSite(URI a, URI b) {
        return site(a).equals(site(b));
    }

    /** A URL for logs and user messages: scheme, host, port and path; never the query or user info. */
    public static String forLog(URI uri) {
        if (uri == null) {
            return "";
        }
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(relative URL)" : uri.getScheme() + ":…";
        }
        StringBuilder out = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }

    private static URI tryParse(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String repair(String s) {
        Matcher m = PARTS.matcher(s);
        if (!m.matches()) {
            return s;
        }
        StringBuilder out = new StringBuilder(m.group(1)).append(':');
        if (m.group(2) != null) {
            out.append("//").append(repairAuthority(m.group(2)));
        }
        out.append(encodeIllegal(m.group(3), false));
        if (m.group(4) != null) {
            out.append('?').append(encodeIllegal(m.group(4), true));
        }
        if (m.group(5) != null) {
            out.append('#').append(encodeIllegal(m.group(5), true));
        }
        return out.toString();
    }

    private static String repairAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1);
        if (hostPort.startsWith("[")) {
            return userInfo + hostPort;
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        String port = colon >= 0 ? hostPort.substring(colon) : "";
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // leave it; URI parsing will reject it
        }
        return encodeIllegal(userInfo, false) + host + port;
    }

    /** Percent-encodes characters a URI may not contain (blanks, controls, non-ASCII, a few ASCII symbols). */
    static String encodeIllegal(String part, boolean queryOrFragment) {
        StringBuilder out = new StringBuilder(part.length());
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            boolean legal = c > 0x20 && c < 0x7F && "\"<>\\^`{|}".indexOf(c) < 0 && !(c == '#' && !queryOrFragment);
            if (c == '%') {
                legal = i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            }
            if (legal) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    /** Upper-case hex in escapes and decode escapes of unreserved characters (%7E becomes ~). */
    static String normalizeEscapes(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                int value = Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16);
                if (value < 0x80 && (Character.isLetterOrDigit(value) || UNRESERVED_PUNCT.indexOf(value) >= 0)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(Character.toUpperCase(s.charAt(i + 1)))
                            .append(Character.toUpperCase(s.charAt(i + 2)));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String filterQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = (eq >= 0 ? param.substring(0, eq) : param).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) {
                continue;
            }
            kept.add(normalizeEscapes(param));
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    private static FetchException invalid(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return new FetchException(FetchException.Reason.INVALID_URL, "Not a valid absolute URL: '" + shown + "'");
    }
}
