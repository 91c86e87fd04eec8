package hub.knowledge.fetch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The robots.txt rules of one site for our user agent (RFC 9309).
 * <ul>
 *   <li>The groups naming our product token (case-insensitive, e.g. {@code WhatsAppAgentHub}) apply;
 *       without such a group, the {@code *} groups apply; several matching groups are merged.</li>
 *   <li>The longest matching Allow/Disallow pattern wins; on a tie Allow wins. {@code *} matches any
 *       characters and a trailing {@code $} anchors the end. Paths are case-sensitive.</li>
 *   <li>{@code Sitemap:} lines are collected wherever they appear.</li>
 *   <li>No robots.txt (4xx other than 401/403) allows everything; 401/403 disallows everything;
 *       a server error or an unreachable server disallows everything (for as long as these rules are kept).</li>
 * </ul>
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

    private record Rule(String pattern, boolean allow, boolean anchored, int specificity) {
    }

    private static final int MAX_PARSED_CHARS = 512 * 1024;

    private final Availability availability;
    private final List<Rule> rules;
    private final List<String> sitemaps;
    private final String explanation;
    private final FetchException failure;

    private RobotsRules(Availability availability, List<Rule> rules, List<String> sitemaps, String explanation,
                        FetchException failure) {
        this.availability = availability;
        this.rules = List.copyOf(rules);
        this.sitemaps = List.copyOf(sitemaps);
        this.explanation = explanation;
        this.failure = failure;
    }

    /** No robots.txt: everything allowed. */
    public static RobotsRules missing(String explanation) {
        return new RobotsRules(Availability.MISSING, List.of(), List.of(), explanation, null);
    }

    /** robots.txt answered 401/403: nothing allowed. */
    public static RobotsRules forbidden(String explanation) {
        return new RobotsRules(Availability.FORBIDDEN, List.of(), List.of(), explanation, null);
    }

    /** robots.txt could not be read: nothing allowed. */
    public static RobotsRules unavailable(String explanation, FetchException failure) {
        return new RobotsRules(Availability.UNAVAILABLE, List.of(), List.of(), explanation, failure);
    }

    /**
     * Parses a robots.txt for a user agent.
     *
     * @param robotsTxt      the file's text (only its first 512 KiB are read)
     * @param userAgentToken our product token, e.g. {@code WhatsAppAgentHub}
     */
    public static RobotsRules parse(String robotsTxt, String userAgentToken) {
        String text = robotsTxt == null ? "" : robotsTxt;
        if (text.length() > MAX_PARSED_CHARS) {
            text = text.substring(0, MAX_PARSED_CHARS);
        }
        String token = userAgentToken.toLowerCase(Locale.ROOT);
        List<String> sitemaps = new ArrayList<>();
        List<Rule> ours = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        boolean anyOurs = false;
        boolean groupIsOurs = false;
        boolean groupIsStar = false;
        boolean inGroup = false;
        boolean lastWasAgent = false;
        for (String rawLine : text.split("\r\n|\r|\n")) {
            String line = rawLine;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "user-agent", "useragent", "user agent" -> {
                    if (!lastWasAgent) {
                        groupIsOurs = false;
                        groupIsStar = false;
                        inGroup = true;
                    }
                    String agent = productToken(value);
                    if (agent.equals("*")) {
                        groupIsStar = true;
                    } else if (!agent.isEmpty() && agent.equals(token)) {
                        groupIsOurs = true;
                        anyOurs = true;
                    }
                    lastWasAgent = true;
                }
                case "allow", "disallow", "dissallow", "disalow" -> {
                    lastWasAgent = false;
                    if (!inGroup || value.isEmpty()) {
                        continue; // "Disallow:" with no path allows everything, i.e. adds no rule
                    }
                    Rule rule = rule(value, key.equals("allow"));
                    if (groupIsOurs) {
                        ours.add(rule);
                    }
                    if (groupIsStar) {
                        star.add(rule);
                    }
                }
                case "sitemap", "site-map" -> {
                    if (!value.isEmpty()) {
                        sitemaps.add(value);
                    }
                }
                default -> lastWasAgent = false; // crawl-delay and others belong to the group
            }
        }
        return new RobotsRules(Availability.FOUND, anyOurs ? ours : star, sitemaps, "robots.txt", null);
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
        return sitemaps;
    }

    /** Whether we may fetch this URL (its path and query are matched). */
    public boolean isAllowed(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return isAllowed(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    }

    /** Whether we may fetch this path (with its query, still percent-encoded). */
    public boolean isAllowed(String pathAndQuery) {
        String path = UrlNormalizer.normalizeEscapes(pathAndQuery.isEmpty() ? "/" : pathAndQuery);
        if (path.equals("/robots.txt")) {
            return true;
        }
        if (availability == Availability.FORBIDDEN || availability == Availability.UNAVAILABLE) {
            return false;
        }
        Rule best = null;
        for (Rule rule : rules) {
            if (matches(rule, path) && (best == null || rule.specificity() > best.specificity()
                    || (rule.specificity() == best.specificity() && rule.allow() && !best.allow()))) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }

    private static String productToken(String userAgentValue) {
        String v = userAgentValue.strip().toLowerCase(Locale.ROOT);
        int end = v.length();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/' || Character.isWhitespace(c)) {
                end = i;
                break;
            }
        }
        return v.substring(0, end);
    }

    private static Rule rule(String value, boolean allow) {
        String pattern = value;
        boolean anchored = pattern.endsWith("$");
        if (anchored) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (!pattern.startsWith("/") && !pattern.startsWith("*")) {
            pattern = "/" + pattern;
        }
        pattern = UrlNormalizer.normalizeEscapes(UrlNormalizer.encodeIllegal(pattern, true));
        return new Rule(pattern, allow, anchored, value.length());
    }

    /** Wildcard match in O(pattern × path): '*' matches any run; without '$' the pattern is a prefix. */
    private static boolean matches(Rule rule, String path) {
        String p = rule.pattern();
        int i = 0;
        int j = 0;
        int star = -1;
        int mark = 0;
        while (j < path.length()) {
            if (i == p.length() && !rule.anchored()) {
                return true; // the whole pattern matched a prefix
            }
            if (i < p.length() && p.charAt(i) == '*') {
                star = i++;
                mark = j;
            } else if (i < p.length() && p.charAt(i) == path.charAt(j)) {
                i++;
                j++;
            } else if (star >= 0) {
                i = star + 1;
                j = ++mark;
            } else {
                return false;
            }
        }
        while (i < p.length() && p.charAt(i) == '*') {
            i++;
        }
        return i == p.length();
    }
}
