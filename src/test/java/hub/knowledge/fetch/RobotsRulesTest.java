package hub.knowledge.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class RobotsRulesTest {

    private static final String TOKEN = "WhatsAppAgentHub";

    @Test
    void theStarGroupAppliesWhenNoGroupNamesUs() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: Googlebot
                Disallow: /
                
                User-agent: *
                Disallow: /private
                Disallow: /tmp/ # comment
                """, TOKEN);

        assertThat(rules.isAllowed("/")).isTrue();
        assertThat(rules.isAllowed("/private")).isFalse();
        assertThat(rules.isAllowed("/private/x")).isFalse();
        assertThat(rules.isAllowed("/privateer")).isFalse(); // prefix match, as robots.txt defines it
        assertThat(rules.isAllowed("/tmp")).isTrue();
        assertThat(rules.isAllowed("/tmp/a")).isFalse();
    }

    @Test
    void ourOwnGroupReplacesTheStarGroup() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /
                
                User-agent: Googlebot
                User-Agent: whatsappagenthub/2.0
                Disallow: /admin
                """, TOKEN);

        assertThat(rules.isAllowed("/docs")).isTrue();
        assertThat(rules.isAllowed("/admin/users")).isFalse();
    }

    @Test
    void groupsNamingUsAreMerged() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: WhatsAppAgentHub
                Disallow: /a
                
                User-agent: *
                Disallow: /c
                
                User-agent: WhatsAppAgentHub
                Disallow: /b
                """, TOKEN);

        assertThat(rules.isAllowed("/a")).isFalse();
        assertThat(rules.isAllowed("/b")).isFalse();
        assertThat(rules.isAllowed("/c")).isTrue();
    }

    @Test
    void theLongestMatchWinsAndAllowWinsTies() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /docs
                Allow: /docs/public
                Allow: /shop
                Disallow: /shop
                Disallow: /help/
                Allow: /help
                """, TOKEN);

        assertThat(rules.isAllowed("/docs/internal")).isFalse();
        assertThat(rules.isAllowed("/docs/public/guide")).isTrue();
        assertThat(rules.isAllowed("/shop/cart")).isTrue();
        assertThat(rules.isAllowed("/help/faq")).isFalse();
        assertThat(rules.isAllowed("/help")).isTrue();
    }

    @Test
    void wildcardsAndEndAnchors() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /*.pdf$
                Disallow: /*?sessionid=
                Disallow: /exact$
                Disallow: /a*b*c
                """, TOKEN);

        assertThat(rules.isAllowed("/files/manual.pdf")).isFalse();
        assertThat(rules.isAllowed("/files/manual.pdf?x=1")).isTrue();
        assertThat(rules.isAllowed(URI.create("https://example.com/cart?sessionid=42"))).isFalse();
        assertThat(rules.isAllowed("/cart?page=2")).isTrue();
        assertThat(rules.isAllowed("/exact")).isFalse();
        assertThat(rules.isAllowed("/exact/more")).isTrue();
        assertThat(rules.isAllowed("/axxbyyczz")).isFalse();
        assertThat(rules.isAllowed("/axxcyyb")).isTrue();
    }

    @Test
    void anEmptyDisallowAllowsEverythingAndRobotsTxtItselfIsAlwaysAllowed() {
        assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", TOKEN).isAllowed("/anything")).isTrue();
        RobotsRules all = RobotsRules.parse("User-agent: *\nDisallow: /\n", TOKEN);
        assertThat(all.isAllowed("/")).isFalse();
        assertThat(all.isAllowed("/robots.txt")).isTrue();
    }

    @Test
    void sitemapLinesAreCollectedWhereverTheyAre() {
        RobotsRules rules = RobotsRules.parse("""
                Sitemap: https://example.com/sitemap_index.xml
                User-agent: *
                Disallow: /x
                sitemap: https://example.com/news.xml
                """, TOKEN);

        assertThat(rules.sitemaps()).containsExactly("https://example.com/sitemap_index.xml", "https://example.com/news.xml");
        assertThat(rules.isAllowed("/x")).isFalse();
    }

    @Test
    void rulesBeforeAnyUserAgentAndGarbageAreIgnored() {
        RobotsRules rules = RobotsRules.parse("Disallow: /\n<html>oops</html>\r\nUser-agent: *\r\nAllow: /\r\n", TOKEN);

        assertThat(rules.isAllowed("/page")).isTrue();
        assertThat(rules.availability()).isEqualTo(RobotsRules.Availability.FOUND);
    }

    @Test
    void forbiddenAndUnavailableDisallowEverythingMissingAllowsEverything() {
        assertThat(RobotsRules.forbidden("403").isAllowed("/")).isFalse();
        assertThat(RobotsRules.unavailable("503", null).isAllowed("/page")).isFalse();
        assertThat(RobotsRules.missing("404").isAllowed("/page")).isTrue();
    }
}
