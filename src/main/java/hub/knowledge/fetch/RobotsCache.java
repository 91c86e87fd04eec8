package hub.knowledge.fetch;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import hub.knowledge.fetch.FetchException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * robots.txt of each origin (scheme, host, port), fetched once through the {@link SafeFetcher} and kept
 * for the life of this cache. The crawler makes one per crawl, so a site whose robots.txt was
 * unavailable is tried again on the next crawl. Thread-safe: concurrent callers wait for one fetch.
 */
public final class RobotsCache {

    private static final Logger log = LoggerFactory.getLogger(RobotsCache.class);

    private final SafeFetcher fetcher;
    private final String userAgentToken;
    private final ConcurrentMap<String, CompletableFuture<RobotsRules>> byOrigin = new ConcurrentHashMap<>();

    public RobotsCache(SafeFetcher fetcher) {
        this.fetcher = fetcher;
        this.userAgentToken = fetcher.policy().userAgentToken();
    }

    /** The rules that govern this URL. */
    public RobotsRules rulesFor(URI url) {
        URI origin = origin(url);
        CompletableFuture<RobotsRules> mine = new CompletableFuture<>();
        CompletableFuture<RobotsRules> existing = byOrigin.putIfAbsent(origin.toString(), mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            RobotsRules rules = load(origin);
            mine.complete(rules);
            return rules;
        } catch (RuntimeException e) {
            byOrigin.remove(origin.toString(), mine); // interrupted: let a later caller try again
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Shortcut for {@code rulesFor(url).isAllowed(url)}. */
    public boolean isAllowed(URI url) {
        return rulesFor(url).isAllowed(url);
    }

    private RobotsRules load(URI origin) {
        URI robotsUrl = origin.resolve("/robots.txt");
        String host = origin.getHost();
        try {
            FetchedPage page = fetcher.fetch(robotsUrl);
            return RobotsRules.parse(robotsUrl, page.body(), userAgentToken);
        } catch (FetchException e) {
            if (e.reason() == Reason.INTERRUPTED) {
                throw e;
            }
            RobotsRules rules;
            int status = e.httpStatus();
            if (e.reason() == Reason.HTTP_ERROR && (status == 401 || status == 403)) {
                rules = RobotsRules.forbidden("robots.txt of " + host + " answered HTTP " + status
                        + ", which forbids crawling the whole site");
            } else if (e.reason() == Reason.HTTP_ERROR && status >= 400 && status < 500) {
                rules = RobotsRules.missing("no robots.txt on " + host + " (HTTP " + status + ")");
            } else {
                rules = RobotsRules.unavailable("robots.txt of " + host + " could not be read ("
                        + e.getMessage() + "), so crawling is not allowed for now", e);
            }
            log.debug("robots.txt of {}: {}", host, rules.availability());
            return rules;
        }
    }

    private static URI origin(URI url) {
        URI n = UrlNormalizer.normalize(url);
        if (n.getHost() == null) {
            throw new FetchException(Reason.INVALID_URL, "The URL has no valid host name: " + UrlNormalizer.forLog(url));
        }
        return URI.create(n.getScheme() + "://" + n.getRawAuthority() + "/");
    }
}
