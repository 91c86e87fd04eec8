package hub.knowledge.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import hub.knowledge.fetch.FetchException.Reason;
import hub.outbound.Amounts;
import hub.outbound.AddressGuard;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.HostResolver;
import hub.outbound.OutboundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches URLs given by users without letting them reach the hub's own network (SSRF), hang a worker
 * or fill its memory. Thread-safe; share one instance so politeness applies across all callers.
 * <ul>
 *   <li>http and https only; URLs with user info are refused;</li>
 *   <li>requests go through a {@link GuardedHttpClient}: it connects only to addresses the
 *       {@link AddressGuard} allowed (by default: public internet only), resolving each host once and
 *       connecting to exactly the addresses it checked, so a DNS answer that changes between check and
 *       connect cannot lead anywhere else;</li>
 *   <li>redirects are followed here, one checked request per hop, never by the HTTP client;</li>
 *   <li>each request, body included, must finish within {@code requestTimeout}; bodies are streamed and
 *       cut off beyond {@code maxBodyBytes} (a larger Content-Length is refused before reading);</li>
 *   <li>at most one request per {@code perHostInterval} per host ({@link HostPacer}).</li>
 * </ul>
 * Logs carry scheme, host and path only: never query strings, headers or bodies.
 */
public final class SafeFetcher {

    private static final Logger log = LoggerFactory.getLogger(SafeFetcher.class);

    /** Accepts every content type. */
    public static final Predicate<String> ANY_CONTENT = contentType -> true;

    /** Accepts HTML pages ({@code text/html}, {@code application/xhtml+xml}). */
    public static final Predicate<String> HTML = contentType -> {
        String type = FetchedPage.mediaTypeOf(contentType);
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    };

    private final FetchPolicy policy;
    private final HostPacer pacer;
    private final GuardedHttpClient client;
    private final Clock clock = Clock.systemUTC();

    /** The policy's guard (public internet only unless {@code allowPrivateNetworks}) and pacing. */
    public SafeFetcher(FetchPolicy policy) {
        this(policy, AddressGuard.forPrivateNetworks(policy.allowPrivateNetworks()), new HostPacer(policy.perHostInterval()));
    }

    /** An explicit address guard (it replaces {@code allowPrivateNetworks}) and pacer. */
    public SafeFetcher(FetchPolicy policy, AddressGuard guard, HostPacer pacer) {
        this(policy, guard, HostResolver.system(), pacer);
    }

    SafeFetcher(FetchPolicy policy, AddressGuard guard, HostResolver resolver, HostPacer pacer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.client = new GuardedHttpClient(GuardedHttpClient.Settings.withConnectTimeout(policy.connectTimeout()),
                guard, resolver);
    }

    public FetchPolicy policy() {
        return policy;
    }

    /** Fetches any content type. */
    public FetchedPage fetch(URI url) {
        return fetch(url, ANY_CONTENT, next -> { });
    }

    /** Fetches, refusing with {@code unsupported_content} (before reading the body) other content types. */
    public FetchedPage fetch(URI url, Predicate<String> acceptContentType) {
        return fetch(url, acceptContentType, next -> { });
    }

    /**
     * Fetches a URL and follows its redirects.
     *
     * @param url               absolute http(s) URL
     * @param acceptContentType tested with the Content-Type header of the final 2xx answer
     * @param beforeRedirect    called with each redirect target before it is checked and requested;
     *                          throwing a {@link FetchException} stops the fetch with that exception
     *                          (the crawler uses it to stay on the site and obey robots.txt)
     * @return the 2xx answer
     * @throws FetchException with a human message and a {@link FetchException#code() code}
     */
    public FetchedPage fetch(URI url, Predicate<String> acceptContentType, Consumer<URI> beforeRedirect) {
        URI current = requestable(url);
        for (int redirects = 0; ; redirects++) {
            pace(current);
            Answer answer = exchange(current, acceptContentType);
            if (answer.location() != null) {
                if (redirects >= policy.maxRedirects()) {
                    throw new FetchException(Reason.TOO_MANY_REDIRECTS, host(current) + " redirected more than "
                            + policy.maxRedirects() + " times");
                }
                URI next = requestable(UrlNormalizer.resolve(current, answer.location()));
                log.debug("{} redirects ({}) to {}", UrlNormalizer.forLog(current), answer.status(),
                        UrlNormalizer.forLog(next));
                beforeRedirect.accept(next);
                current = next;
                continue;
            }
            if (answer.status() < 200 || answer.status() > 299) {
                throw new FetchException(Reason.HTTP_ERROR, host(current) + " answered HTTP " + answer.status()
                        + " for " + UrlNormalizer.forLog(current), answer.status(), null);
            }
            log.debug("GET {} -> {} {} ({} bytes)", UrlNormalizer.forLog(current), answer.status(),
                    FetchedPage.mediaTypeOf(answer.contentType()), answer.body().length);
            return new FetchedPage(current, answer.status(), answer.contentType(), answer.body(), clock.instant());
        }
    }

    /**
     * Everything {@link #fetch} checks before connecting: scheme, user info, host name and addresses.
     *
     * @throws FetchException {@code invalid_url}, {@code url_not_allowed} or {@code unreachable} (unknown host)
     */
    public void checkAllowed(URI url) {
        URI checked = requestable(url);
        try {
            client.checkDestination(checked);
        } catch (OutboundException e) {
            throw translate(e, checked);
        }
    }

    /** Validates scheme and form; returns the URL without fragment. */
    private static URI requestable(URI url) {
        if (url == null) {
            throw new FetchException(Reason.INVALID_URL, "No URL given");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(Reason.URL_NOT_ALLOWED, scheme.isEmpty()
                    ? "Only absolute http and https URLs can be fetched"
                    : "Only http and https URLs can be fetched, not " + scheme + ":");
        }
        if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
            throw new FetchException(Reason.INVALID_URL, "The URL has no valid host name: " + UrlNormalizer.forLog(url));
        }
        if (url.getRawUserInfo() != null) {
            throw new FetchException(Reason.URL_NOT_ALLOWED, "URLs with a user name or password are not supported");
        }
        if (url.getRawFragment() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), url.getRawAuthority(), url.getRawPath(), url.getRawQuery(), null);
        } catch (URISyntaxException e) {
            return URI.create(url.toString().substring(0, url.toString().indexOf('#')));
        }
    }

    private static FetchException notPublic(URI url, String host) {
        return new FetchException(Reason.URL_NOT_ALLOWED, "Refusing to fetch " + host
                + ": it is not a public internet host (loopback, private, link-local, metadata or reserved address)");
    }

    private void pace(URI url) {
        try {
            pacer.acquire(host(url));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(Reason.INTERRUPTED, "Fetching " + host(url) + " was interrupted", e);
        }
    }

    private record Answer(int status, String contentType, String location, byte[] body) {
    }

    private Answer exchange(URI url, Predicate<String> acceptContentType) {
        GuardedHttpClient.Request request = GuardedHttpClient.Request.get(url)
                .header("User-Agent", policy.userAgent())
                .header("Accept", acceptContentType == HTML ? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" : "*/*");
        try (GuardedHttpClient.OpenAnswer answer = client.open(request, Deadline.in(policy.requestTimeout()),
                policy.maxBodyBytes())) {
            int status = answer.status();
            String contentType = answer.header("Content-Type") == null ? "" : answer.header("Content-Type");
            if (isRedirect(status)) {
                return new Answer(status, contentType, answer.header("Location"), new byte[0]);
            }
            if (status < 200 || status > 299) {
                return new Answer(status, contentType, null, new byte[0]); // only the status matters
            }
            if (!acceptContentType.test(contentType)) {
                String shown = FetchedPage.mediaTypeOf(contentType);
                throw new FetchException(Reason.UNSUPPORTED_CONTENT, UrlNormalizer.forLog(url) + " is "
                        + (shown.isEmpty() ? "of unknown type" : shown) + ", which cannot be used here");
            }
            return new Answer(status, contentType, null, answer.readAll());
        } catch (OutboundException e) {
            throw translate(e, url);
        }
    }

    private FetchException translate(OutboundException failure, URI url) {
        String host = host(url);
        return switch (failure.kind()) {
            case INVALID_URL -> new FetchException(Reason.INVALID_URL, "The URL has no valid host name: "
                    + UrlNormalizer.forLog(url), failure);
            case NOT_ALLOWED -> notPublic(url, host);
            case TIMEOUT -> new FetchException(Reason.TIMEOUT, host + " did not send its answer within "
                    + Amounts.seconds(policy.requestTimeout()), failure);
            case TOO_LARGE -> new FetchException(Reason.TOO_LARGE, UrlNormalizer.forLog(url) + " is larger than "
                    + Amounts.bytes(policy.maxBodyBytes()), failure);
            case UNREACHABLE, FAILED -> new FetchException(Reason.UNREACHABLE, failure.getMessage(), failure);
        };
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String host(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

}
