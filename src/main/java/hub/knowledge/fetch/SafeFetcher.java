package hub.knowledge.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

import hub.knowledge.fetch.FetchException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches URLs given by users without letting them reach the hub's own network (SSRF), hang a worker
 * or fill its memory. Thread-safe; share one instance so politeness applies across all callers.
 * <ul>
 *   <li>http and https only; URLs with user info are refused;</li>
 *   <li>the host is resolved and every address must pass the {@link AddressGuard} (by default: public
 *       internet only), before the first request and again for each redirect hop (redirects are followed
 *       here, never by the HTTP client);</li>
 *   <li>each request, body included, must finish within {@code requestTimeout}; bodies are streamed and
 *       cut off beyond {@code maxBodyBytes} (a larger Content-Length is refused before reading);</li>
 *   <li>at most one request per {@code perHostInterval} per host ({@link HostPacer}).</li>
 * </ul>
 * Logs carry scheme, host and path only: never query strings, headers or bodies.
 *
 * <p>DNS rebinding: the host is resolved with {@link InetAddress#getAllByName} just before each request and
 * the HTTP client then resolves it again through the same JVM address cache ({@code networkaddress.cache.ttl},
 * 30 s by default), so it connects to an address that was checked unless the cache entry expires in the
 * milliseconds between check and connect. With the cache disabled (TTL 0) that guarantee is gone; a warning
 * is logged. Java 17's HTTP client cannot be pinned to a pre-resolved address without breaking TLS host
 * name checks, and it does not expose the address it connected to. With a JVM-wide HTTP proxy configured,
 * the proxy resolves the host and the check applies to the name only as this JVM resolves it.
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

    /** Name resolution, replaceable in tests. Must return every address of the host. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final FetchPolicy policy;
    private final AddressGuard guard;
    private final HostResolver resolver;
    private final HostPacer pacer;
    private final HttpClient client;
    private final Clock clock = Clock.systemUTC();

    /** The policy's guard (public internet only unless {@code allowPrivateNetworks}) and pacing. */
    public SafeFetcher(FetchPolicy policy) {
        this(policy, AddressGuard.forPolicy(policy), new HostPacer(policy.perHostInterval()));
    }

    /** An explicit address guard (it replaces {@code allowPrivateNetworks}) and pacer. */
    public SafeFetcher(FetchPolicy policy, AddressGuard guard, HostPacer pacer) {
        this(policy, guard, InetAddress::getAllByName, pacer);
    }

    SafeFetcher(FetchPolicy policy, AddressGuard guard, HostResolver resolver, HostPacer pacer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        if (!policy.allowPrivateNetworks() && dnsCacheDisabled()) {
            log.warn("DNS caching is disabled (networkaddress.cache.ttl=0): a host could resolve to another address "
                    + "between the private-network check and the connection (DNS rebinding)");
        }
    }

    private static boolean dnsCacheDisabled() {
        String ttl = java.security.Security.getProperty("networkaddress.cache.ttl");
        String legacy = System.getProperty("sun.net.inetaddr.ttl");
        return "0".equals(ttl == null ? null : ttl.strip()) || "0".equals(legacy == null ? null : legacy.strip());
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
            checkAddresses(current);
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
        checkAddresses(requestable(url));
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

    private void checkAddresses(URI url) {
        String host = host(url);
        if (!guard.allowsName(host)) {
            throw notPublic(url, host);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchException(Reason.UNREACHABLE, "Host not found: " + host, e);
        } catch (SecurityException | IllegalArgumentException e) {
            throw new FetchException(Reason.INVALID_URL, "The URL has no valid host name: " + host, e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new FetchException(Reason.UNREACHABLE, "Host not found: " + host);
        }
        int port = port(url);
        for (InetAddress address : addresses) {
            if (!guard.allows(host, port, address)) {
                throw notPublic(url, host);
            }
        }
    }

    private static FetchException notPublic(URI url, String host) {
        log.info("Refused to fetch {}: not a public internet host", UrlNormalizer.forLog(url));
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
        HttpRequest request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(policy.requestTimeout())
                .header("User-Agent", policy.userAgent())
                .header("Accept", acceptContentType == HTML
                        ? "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" : "*/*")
                .build();
        // On timeout the body may still be streaming: cancel its subscription so the connection is closed
        // instead of being drained in the background.
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<Flow.Subscription> bodySubscription = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request,
                info -> abandoned.get() ? new Rejecting(null) : bodyFor(info, url, acceptContentType, bodySubscription));
        HttpResponse<byte[]> response;
        try {
            response = future.get(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(future, abandoned, bodySubscription);
            throw new FetchException(Reason.TIMEOUT, host(url) + " did not send its answer within "
                    + seconds(policy.requestTimeout()), e);
        } catch (InterruptedException e) {
            abandon(future, abandoned, bodySubscription);
            Thread.currentThread().interrupt();
            throw new FetchException(Reason.INTERRUPTED, "Fetching " + host(url) + " was interrupted", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), url);
        }
        HttpHeaders headers = response.headers();
        int status = response.statusCode();
        String location = isRedirect(status) ? headers.firstValue("Location").orElse(null) : null;
        return new Answer(status, headers.firstValue("Content-Type").orElse(""), location, response.body());
    }

    private static void abandon(CompletableFuture<?> future, AtomicBoolean abandoned,
                                AtomicReference<Flow.Subscription> bodySubscription) {
        abandoned.set(true);
        future.cancel(true);
        Flow.Subscription subscription = bodySubscription.get();
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private HttpResponse.BodySubscriber<byte[]> bodyFor(HttpResponse.ResponseInfo info, URI url,
                                                        Predicate<String> acceptContentType,
                                                        AtomicReference<Flow.Subscription> subscriptionHolder) {
        int status = info.statusCode();
        if (status < 200 || status > 299) {
            return new Rejecting(null); // redirects and errors: only the status and headers matter
        }
        String contentType = info.headers().firstValue("Content-Type").orElse("");
        if (!acceptContentType.test(contentType)) {
            String shown = FetchedPage.mediaTypeOf(contentType);
            return new Rejecting(new Rejected(Reason.UNSUPPORTED_CONTENT, UrlNormalizer.forLog(url) + " is "
                    + (shown.isEmpty() ? "of unknown type" : shown) + ", which cannot be used here"));
        }
        OptionalLong length = info.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() > policy.maxBodyBytes()) {
            return new Rejecting(tooLarge(url));
        }
        return new LimitedBody(policy.maxBodyBytes(), length.orElse(-1), () -> tooLarge(url), subscriptionHolder);
    }

    private Rejected tooLarge(URI url) {
        return new Rejected(Reason.TOO_LARGE, UrlNormalizer.forLog(url) + " is larger than "
                + bytes(policy.maxBodyBytes()));
    }

    private FetchException translate(Throwable failure, URI url) {
        String host = host(url);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Rejected rejected) {
                return new FetchException(rejected.reason, rejected.getMessage());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new FetchException(Reason.TIMEOUT, "Connecting to " + host + " timed out after "
                        + seconds(policy.connectTimeout()), failure);
            }
            if (t instanceof HttpTimeoutException) {
                return new FetchException(Reason.TIMEOUT, host + " did not answer within "
                        + seconds(policy.requestTimeout()), failure);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new FetchException(Reason.UNREACHABLE, "Could not connect to " + host + " (connection refused)", failure);
            }
            if (t instanceof SSLException) {
                return new FetchException(Reason.UNREACHABLE, "Secure connection to " + host + " failed", failure);
            }
            if (t instanceof UnknownHostException) {
                return new FetchException(Reason.UNREACHABLE, "Host not found: " + host, failure);
            }
        }
        return new FetchException(Reason.UNREACHABLE, "Connection to " + host + " failed", failure);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String host(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String bytes(long n) {
        if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " bytes";
    }

    /** A body refused while streaming; carries the reason up through the HTTP client. */
    private static final class Rejected extends IOException {
        private final Reason reason;

        Rejected(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** Reads no body: cancels at once and completes with {@code null}, or fails with a reason. */
    private static final class Rejecting implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final Rejected failure;

        Rejecting(Rejected failure) {
            this.failure = failure;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            if (failure == null) {
                result.complete(new byte[0]);
            } else {
                result.completeExceptionally(failure);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(failure != null ? failure : throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new byte[0]);
        }
    }

    /** Collects the body and gives up as soon as it grows beyond the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long max;
        private final Supplier<Rejected> tooLarge;
        private final ByteArrayOutputStream out;
        private final AtomicReference<Flow.Subscription> holder;
        private Flow.Subscription subscription;
        private long size;

        LimitedBody(long max, long declaredLength, Supplier<Rejected> tooLarge, AtomicReference<Flow.Subscription> holder) {
            this.max = max;
            this.tooLarge = tooLarge;
            this.holder = holder;
            this.out = new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 8192), Math.min(max, 1 << 20)));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            holder.set(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                size += buffer.remaining();
                if (size > max) {
                    subscription.cancel();
                    result.completeExceptionally(tooLarge.get());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
