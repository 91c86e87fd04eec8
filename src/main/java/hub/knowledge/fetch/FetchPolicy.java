package hub.knowledge.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub fetches web pages on behalf of an organisation (URL ingestion and crawling).
 *
 * @param allowPrivateNetworks when {@code false} (the default) hosts that resolve to loopback, private,
 *                             link-local, cloud-metadata or other non-public addresses are refused
 * @param connectTimeout       time allowed to open a connection
 * @param requestTimeout       time allowed for one request, from sending it to the last byte of the body
 * @param maxBodyBytes         responses larger than this are refused with {@code too_large}
 * @param maxRedirects         redirects followed per fetch; one more is {@code too_many_redirects}
 * @param perHostInterval      minimum time between two requests to the same host (politeness)
 * @param userAgent            User-Agent header; its product token (before the first '/') is the name
 *                             looked up in robots.txt groups
 */
public record FetchPolicy(
        boolean allowPrivateNetworks,
        Duration connectTimeout,
        Duration requestTimeout,
        long maxBodyBytes,
        int maxRedirects,
        Duration perHostInterval,
        String userAgent) {

    public static final String DEFAULT_USER_AGENT = "WhatsAppAgentHub/1.0 (+https://github.com/whatsapp-agent-hub)";

    public FetchPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(perHostInterval, "perHostInterval");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (perHostInterval.isNegative()) {
            throw new IllegalArgumentException("perHostInterval must not be negative");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = DEFAULT_USER_AGENT;
        }
    }

    /** Public internet only, 10 s connect, 30 s per request, 5 MiB, 5 redirects, 1 request per second per host. */
    public static FetchPolicy defaults() {
        return new FetchPolicy(false, Duration.ofSeconds(10), Duration.ofSeconds(30), 5L * 1024 * 1024, 5,
                Duration.ofSeconds(1), DEFAULT_USER_AGENT);
    }

    /** The robots.txt product token: the User-Agent up to the first '/' or space ("WhatsAppAgentHub"). */
    public String userAgentToken() {
        String ua = userAgent.strip();
        int end = ua.length();
        for (int i = 0; i < ua.length(); i++) {
            char c = ua.charAt(i);
            if (c == '/' || Character.isWhitespace(c)) {
                end = i;
                break;
            }
        }
        return ua.substring(0, end);
    }

    public FetchPolicy withAllowPrivateNetworks(boolean allow) {
        return new FetchPolicy(allow, connectTimeout, requestTimeout, maxBodyBytes, maxRedirects, perHostInterval, userAgent);
    }

    public FetchPolicy withRequestTimeout(Duration timeout) {
        return new FetchPolicy(allowPrivateNetworks, connectTimeout, timeout, maxBodyBytes, maxRedirects, perHostInterval, userAgent);
    }

    public FetchPolicy withMaxBodyBytes(long bytes) {
        return new FetchPolicy(allowPrivateNetworks, connectTimeout, requestTimeout, bytes, maxRedirects, perHostInterval, userAgent);
    }

    public FetchPolicy withMaxRedirects(int redirects) {
        return new FetchPolicy(allowPrivateNetworks, connectTimeout, requestTimeout, maxBodyBytes, redirects, perHostInterval, userAgent);
    }

    public FetchPolicy withPerHostInterval(Duration interval) {
        return new FetchPolicy(allowPrivateNetworks, connectTimeout, requestTimeout, maxBodyBytes, maxRedirects, interval, userAgent);
    }
}
