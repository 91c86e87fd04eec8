package hub.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client for addresses a tenant chose (tool servers, MCP servers, the owner's Slack webhook,
 * knowledge URLs), on Apache HttpClient 5. It
 * <ul>
 *   <li>connects only to addresses its {@link AddressGuard} allowed: internal host names are refused before
 *       any lookup, and the connection manager's only name resolution is {@link CheckedResolver}, which
 *       resolves the host once, checks every address (IP literals included) and hands exactly those checked
 *       addresses to the socket. There is no second lookup between check and connect, so a DNS answer that
 *       changes (rebinding) cannot steer the connection to an address that was not checked;</li>
 *   <li>never follows redirects itself: a caller that follows one sends a new request, which is checked
 *       like the first;</li>
 *   <li>ends every exchange at its {@link Deadline}, connection, headers and body included: at the deadline
 *       the connection is closed under the reading thread, so a server that trickles its answer costs one
 *       timed-out call, never a stuck thread;</li>
 *   <li>stops reading an answer at its byte limit and closes the connection instead of draining the rest,
 *       so a server streaming gigabytes costs at most the limit in memory; status and header lines are
 *       bounded too;</li>
 *   <li>keeps connections in a bounded pool per client (no cookies, no automatic retries, no proxies
 *       from system properties).</li>
 * </ul>
 * Thread-safe; one instance per policy.
 */
public final class GuardedHttpClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GuardedHttpClient.class);

    /** Closes connections whose deadline passed; one daemon thread for every client. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlineTimer();

    /** Framing and hop-by-hop headers are the client's business, never a caller's (or a tenant's credentials). */
    private static final Set<String> CONNECTION_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-connection");

    /**
     * How connections are made and kept.
     *
     * @param connectTimeout          time allowed to open a connection (the deadline still applies)
     * @param maxConnections          connections open at once, in total
     * @param maxConnectionsPerServer connections open at once to one scheme, host and port
     */
    public record Settings(Duration connectTimeout, int maxConnections, int maxConnectionsPerServer) {

        /** A pool of 200 connections, 50 per server. */
        public static Settings withConnectTimeout(Duration connectTimeout) {
            return new Settings(connectTimeout, 200, 50);
        }
    }

    /** One request: later headers replace earlier ones of the same name; {@code body} may be null. */
    public record Request(String method, URI url, List<Map.Entry<String, String>> headers, byte[] body) {

        public static Request get(URI url) {
            return new Request("GET", url, List.of(), null);
        }

        public static Request post(URI url, String contentType, byte[] body) {
            return new Request("POST", url, List.of(Map.entry("Content-Type", contentType)), body);
        }

        public Request header(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Request(method, url, List.copyOf(more), body);
        }

        public Request headers(Map<String, String> given) {
            Request request = this;
            for (Map.Entry<String, String> header : given.entrySet()) {
                request = request.header(header.getKey(), header.getValue());
            }
            return request;
        }
    }

    /** A whole answer, read within the deadline and the byte limit. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        /** The first value of a header (any case), or null. */
        public String header(String name) {
            return headers.get(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final AddressGuard guard;
    private final HostResolver resolver;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;

    /** Resolves names with the JVM's resolver. */
    public GuardedHttpClient(Settings settings, AddressGuard guard) {
        this(settings, guard, HostResolver.system());
    }

    /** With the given resolver (tests answer with the addresses they need). */
    public GuardedHttpClient(Settings settings, AddressGuard guard, HostResolver resolver) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedResolver())
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnectionsPerServer())
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setMaxLineLength(16 * 1024).setMaxHeaderCount(200).build())
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /**
     * The URL as it can be requested: absolute http or https, with a host, without user info, the host not
     * an internal name (no lookup); the fragment dropped.
     */
    public URI requestable(URI url) throws OutboundException {
        if (url == null) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL, "No URL given");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundException(OutboundException.Kind.NOT_ALLOWED, scheme.isEmpty()
                    ? "Only absolute http and https URLs are allowed" : "Only http and https URLs are allowed, not " + scheme + ":");
        }
        if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL, "The URL has no valid host name");
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundException(OutboundException.Kind.NOT_ALLOWED, "URLs with a user name or password are not allowed");
        }
        String host = host(url);
        if (!guard.allowsName(host)) {
            log.info("Refused to connect to {}: an internal host name", host);
            throw notAllowed(host);
        }
        if (url.getRawFragment() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), url.getRawAuthority(), url.getRawPath(), url.getRawQuery(), null);
        } catch (URISyntaxException e) {
            throw new OutboundException(OutboundException.Kind.INVALID_URL, "The URL is not valid");
        }
    }

    /**
     * Everything checked before a connection, the lookup included: for telling a user at once that a URL
     * they save cannot be called. The call itself checks again, on the addresses it connects to.
     */
    public void checkDestination(URI url) throws OutboundException {
        URI checked = requestable(url);
        try {
            new CheckedResolver().check(host(checked), port(checked));
        } catch (UnknownHostException e) {
            throw failure(e, host(checked), Deadline.in(Duration.ZERO), false);
        }
    }

    /** Sends the request and reads the whole answer, within the deadline and at most {@code maxBytes}. */
    public Answer send(Request request, Deadline deadline, long maxBytes) throws OutboundException {
        try (OpenAnswer answer = open(request, deadline, maxBytes)) {
            return new Answer(answer.status(), answer.headers, answer.readAll());
        }
    }

    /**
     * Sends the request and returns once the status and headers are in; the body is read from
     * {@link OpenAnswer#body()} under the same deadline and limit. Close the answer when done: an unread
     * rest closes the connection.
     */
    public OpenAnswer open(Request request, Deadline deadline, long maxBytes) throws OutboundException {
        URI url = requestable(request.url());
        HttpUriRequestBase call = new HttpUriRequestBase(request.method(), url);
        for (Map.Entry<String, String> header : request.headers()) {
            if (!CONNECTION_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                call.setHeader(header.getKey(), header.getValue());
            }
        }
        if (request.body() != null) {
            call.setEntity(new ByteArrayEntity(request.body(), null));
        }
        Duration remaining = deadline.remaining();
        if (remaining.isZero()) {
            throw timedOut(host(url), deadline, null);
        }
        Timeout timeout = Timeout.of(remaining);
        call.setConfig(RequestConfig.custom().setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).build());
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = DEADLINES.schedule(() -> {
            expired.set(true);
            call.cancel();
        }, remaining.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = http.executeOpen(null, call, HttpClientContext.create());
            return new OpenAnswer(host(url), call, response, alarm, expired, deadline, maxBytes);
        } catch (IOException | RuntimeException e) {
            alarm.cancel(false);
            call.cancel();
            throw failure(e, host(url), deadline, expired.get());
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    /** An answer whose body is still being received. */
    public final class OpenAnswer implements AutoCloseable {

        private final HttpUriRequestBase call;
        private final ClassicHttpResponse response;
        private final ScheduledFuture<?> alarm;
        private final AtomicBoolean expired;
        private final Deadline deadline;
        private final long maxBytes;
        private final Map<String, String> headers;
        private final String host;
        private InputStream body;
        private boolean complete;

        private OpenAnswer(String host, HttpUriRequestBase call, ClassicHttpResponse response, ScheduledFuture<?> alarm,
                           AtomicBoolean expired, Deadline deadline, long maxBytes) {
            this.call = call;
            this.response = response;
            this.alarm = alarm;
            this.expired = expired;
            this.deadline = deadline;
            this.maxBytes = maxBytes;
            this.host = host;
            Map<String, String> firstValues = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header header : response.getHeaders()) {
                firstValues.putIfAbsent(header.getName(), header.getValue());
            }
            this.headers = Collections.unmodifiableMap(firstValues);
        }

        public int status() {
            return response.getCode();
        }

        /** The first value of a header (any case), or null. */
        public String header(String name) {
            return headers.get(name);
        }

        /** The body, cut off with {@code TOO_LARGE} beyond the limit and with {@code TIMEOUT} at the deadline. */
        public InputStream body() throws OutboundException {
            if (body == null) {
                HttpEntity entity = response.getEntity();
                try {
                    body = new LimitedBody(entity == null ? InputStream.nullInputStream() : entity.getContent(),
                            entity == null ? -1 : entity.getContentLength());
                } catch (IOException e) {
                    throw failure(e, host, deadline, expired.get());
                }
            }
            return body;
        }

        public byte[] readAll() throws OutboundException {
            InputStream in = body();
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, 8192));
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (OutboundException e) {
                throw e;
            } catch (IOException e) {
                throw failure(e, host, deadline, expired.get());
            }
            return out.toByteArray();
        }

        /** Gives the connection back when the body was read to its end; closes it otherwise (never drains). */
        @Override
        public void close() {
            alarm.cancel(false);
            if (!complete && response.getEntity() != null) {
                call.cancel();
            }
            try {
                response.close();
            } catch (IOException e) {
                log.debug("Closing the answer of {} failed: {}", host, e.toString());
            }
        }

        private final class LimitedBody extends InputStream {
            private final InputStream in;
            private final long declaredLength;
            private long read;

            LimitedBody(InputStream in, long declaredLength) {
                this.in = in;
                this.declaredLength = declaredLength;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (declaredLength > maxBytes) {
                    throw tooLarge();
                }
                if (len == 0) {
                    return 0;
                }
                int n;
                try {
                    n = in.read(b, off, (int) Math.min(len, maxBytes - read + 1));
                } catch (IOException e) {
                    throw failure(e, host, deadline, expired.get());
                }
                if (n < 0) {
                    complete = true;
                    return -1;
                }
                read += n;
                if (read > maxBytes) {
                    throw tooLarge();
                }
                return n;
            }

            private OutboundException tooLarge() {
                return new OutboundException(OutboundException.Kind.TOO_LARGE, host + " sent an answer larger than "
                        + Amounts.bytes(maxBytes));
            }

            @Override
            public void close() {
                OpenAnswer.this.close();
            }
        }
    }

    /**
     * The connection manager's name resolution: the guard's name check, one lookup, every address checked,
     * and exactly the checked addresses returned for the socket to connect to.
     */
    private final class CheckedResolver implements DnsResolver {

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (InetAddress address : check(normalise(host), port)) {
                addresses.add(new InetSocketAddress(address, port));
            }
            return addresses;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return check(normalise(host), -1);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }

        InetAddress[] check(String host, int port) throws UnknownHostException {
            if (!guard.allowsName(host)) {
                log.info("Refused to connect to {}: an internal host name", host);
                throw new Refused(host);
            }
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            for (InetAddress address : addresses) {
                if (!guard.allows(host, port, address)) {
                    String kind = NetworkAddresses.nonPublicKind(address);
                    log.info("Refused to connect to {}: it resolves to a {} address", host, kind == null ? "refused" : kind);
                    throw new Refused(host);
                }
            }
            return addresses.clone();
        }
    }

    /** A host the guard refused; an {@link UnknownHostException} because that is what name resolution may throw. */
    private static final class Refused extends UnknownHostException {
        Refused(String host) {
            super(host);
        }
    }

    private static OutboundException failure(Throwable e, String host, Deadline deadline, boolean expired) {
        if (e instanceof OutboundException outbound) {
            return outbound;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused) {
                return notAllowed(host);
            }
        }
        if (expired) {
            return timedOut(host, deadline, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException && !Thread.currentThread().isInterrupted()) {
                return timedOut(host, deadline, e);
            }
            if (t instanceof UnknownHostException) {
                return new OutboundException(OutboundException.Kind.UNREACHABLE, "Host not found: " + host, e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new OutboundException(OutboundException.Kind.UNREACHABLE, "Could not connect to " + host, e);
            }
            if (t instanceof SSLException) {
                return new OutboundException(OutboundException.Kind.UNREACHABLE, "Secure connection to " + host + " failed", e);
            }
        }
        return new OutboundException(OutboundException.Kind.FAILED, "Connection to " + host + " failed", e);
    }

    private static OutboundException notAllowed(String host) {
        return new OutboundException(OutboundException.Kind.NOT_ALLOWED, host + " is not a public internet host "
                + "(loopback, private, link-local, metadata or reserved address)");
    }

    private static OutboundException timedOut(String host, Deadline deadline, Throwable cause) {
        return new OutboundException(OutboundException.Kind.TIMEOUT, host + " did not answer within "
                + Amounts.seconds(deadline.budget()), cause);
    }

    private static String host(URI url) {
        return normalise(url.getHost());
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }


    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "outbound-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
