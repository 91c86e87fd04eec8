package hub.knowledge.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RobotsRulesTest {

    private static final String TOKEN = "WhatsAppAgentHub";
    private static final URI ROBOTS = URI.create("https://example.com/robots.txt");

    private static RobotsRules parse(String robotsTxt) {
        return RobotsRules.parse(ROBOTS, robotsTxt.getBytes(StandardCharsets.UTF_8), TOKEN);
    }

    private static boolean allowed(RobotsRules rules, String pathAndQuery) {
        return rules.isAllowed(URI.create("https://example.com" + pathAndQuery));
    }

    @Test
    void theStarGroupAppliesWhenNoGroupNamesUs() {
        RobotsRules rules = parse("""
                User-agent: Googlebot
                Disallow: /

                User-agent: *
                Disallow: /private
                """);

        assertThat(allowed(rules, "/")).isTrue();
        assertThat(allowed(rules, "/private/x")).isFalse();
    }

    @Test
    void ourOwnGroupReplacesTheStarGroup() {
        RobotsRules rules = parse("""
                User-agent: *
                Disallow: /

                User-agent: whatsappagenthub/2.0
                Disallow: /admin
                """);

        assertThat(allowed(rules, "/docs")).isTrue();
        assertThat(allowed(rules, "/admin/users")).isFalse();
    }

    @Test
    void robotsTxtItselfIsAlwaysAllowed() {
        RobotsRules all = parse("User-agent: *\nDisallow: /\n");

        assertThat(allowed(all, "/")).isFalse();
        assertThat(allowed(all, "/robots.txt")).isTrue();
        assertThat(allowed(RobotsRules.forbidden("403"), "/robots.txt")).isTrue();
    }

    @Test
    void sitemapLinesAreCollectedWhereverTheyAre() {
        RobotsRules rules = parse("""
                Sitemap: https://example.com/sitemap_index.xml
                User-agent: *
                Disallow: /x
                sitemap: https://example.com/news.xml
                """);

        assertThat(rules.sitemaps()).containsExactly("https://example.com/sitemap_index.xml", "https://example.com/news.xml");
        assertThat(rules.availability()).isEqualTo(RobotsRules.Availability.FOUND);
    }

    @Test
    void forbiddenAndUnavailableDisallowEverythingMissingAllowsEverything() {
        assertThat(allowed(RobotsRules.forbidden("403"), "/")).isFalse();
        assertThat(allowed(RobotsRules.unavailable("503", null), "/page")).isFalse();
        assertThat(allowed(RobotsRules.missing("404"), "/page")).isTrue();
    }
}
