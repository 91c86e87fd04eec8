package hub.knowledge.fetch;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;

/**
 * The robots.txt rules of one site for our user agent, parsed and matched by crawler-commons (RFC 9309:
 * our product token's groups, else {@code *}; longest match wins; {@code Sitemap:} lines collected).
 * The hub's own policy on top: no robots.txt (4xx other than 401/403) allows everything; 401/403
 * disallows everything; a server error or an unreachable server disallows everything (for as long as
 * these rules are kept); robots.txt itself is always allowed.
 */
public final class RobotsRules {

    /** Where the rules came from. */
    public enum Availability {
        /** A robots.txt was read and parsed. */
        FOUND,
        /** There is no robots.txt: everything is allowed. */
        MISSING,
        /** robots.txt answered 401 or 403: nothing is allowed. */
        FORBIDDEN,
        /** robots.txt could not be read (server error, timeout, unreachable): nothing is allowed. */
        UNAVAILABLE
    }

    private static final int MAX_PARSED_BYTES = 512 * 1024;

    private final Availability availability;
    private final SimpleRobotRules rules;
    private final String explanation;
    private final FetchException failure;

    private RobotsRules(Availability availability, SimpleRobotRules rules, String explanation, FetchException failure) {
        this.availability = availability;
        this.rules = rules;
        this.explanation = explanation;
        this.failure = failure;
    }

    /** No robots.txt: everything allowed. */
    public static RobotsRules missing(String explanation) {
        return new RobotsRules(Availability.MISSING, new SimpleRobotRules(RobotRulesMode.ALLOW_ALL), explanation, null);
    }

    /** robots.txt answered 401/403: nothing allowed. */
    public static RobotsRules forbidden(String explanation) {
        return new RobotsRules(Availability.FORBIDDEN, new SimpleRobotRules(RobotRulesMode.ALLOW_NONE), explanation, null);
    }

    /** robots.txt could not be read: nothing allowed. */
    public static RobotsRules unavailable(String explanation, FetchException failure) {
        return new RobotsRules(Availability.UNAVAILABLE, new SimpleRobotRules(RobotRulesMode.ALLOW_NONE), explanation,
                failure);
    }

    /**
     * Parses a robots.txt for a user agent.
     *
     * @param robotsUrl      where the file was read
     * @param body           the file (only its first 512 KiB are read)
     * @param userAgentToken our product token, e.g. {@code WhatsAppAgentHub}
     */
    public static RobotsRules parse(URI robotsUrl, byte[] body, String userAgentToken) {
        byte[] content = body.length > MAX_PARSED_BYTES ? Arrays.copyOf(body, MAX_PARSED_BYTES) : body;
        SimpleRobotRules rules = new SimpleRobotRulesParser().parseContent(robotsUrl.toString(), content,
                "text/plain", List.of(userAgentToken.toLowerCase(Locale.ROOT)));
        return new RobotsRules(Availability.FOUND, rules, "robots.txt", null);
    }

    public Availability availability() {
        return availability;
    }

    /** A short human description of where the rules came from (used in error messages). */
    public String explanation() {
        return explanation;
    }

    /** The fetch failure behind {@link Availability#UNAVAILABLE}, if any. */
    public Optional<FetchException> failure() {
        return Optional.ofNullable(failure);
    }

    /** {@code Sitemap:} URLs as written in the file. */
    public List<String> sitemaps() {
        return rules.getSitemaps();
    }

    /** Whether we may fetch this URL (its path and query are matched). */
    public boolean isAllowed(URI url) {
        return "/robots.txt".equals(url.getRawPath()) || rules.isAllowed(url.toString());
    }
}
