package hub.knowledge.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP://Example.COM:80/Docs/ | http://example.com/Docs",
            "https://example.com:443 | https://example.com/",
            "https://example.com:8443/a | https://example.com:8443/a",
            "https://example.com/a/./b/../c/ | https://example.com/a/c",
            "https://example.com/../../a | https://example.com/a",
            "https://example.com/faq#shipping | https://example.com/faq",
            "https://example.com/faq?utm_source=x&utm_Medium=y&gclid=1&fbclid=2 | https://example.com/faq",
            "https://example.com/list?page=2&utm_campaign=z&sort=asc | https://example.com/list?page=2&sort=asc",
            "https://example.com/%7euser/%c3%a9t%c3%a9 | https://example.com/~user/%C3%A9t%C3%A9",
            "https://example.com./ | https://example.com/",
            "https://user:pw@example.com/x | https://example.com/x",
            "https://example.com/list?sort=asc&page=2 | https://example.com/list?sort=asc&page=2",
            "https://example.com//docs//a/ | https://example.com//docs//a"})
    void onePageHasOneSpelling(String input, String expected) {
        assertThat(UrlNormalizer.normalize(input)).hasToString(expected);
    }

    @Test
    void pathWithAndWithoutTrailingSlashAreTheSamePage() {
        assertThat(UrlNormalizer.normalize("https://example.com/docs/"))
                .isEqualTo(UrlNormalizer.normalize("https://example.com/docs"));
        assertThat(UrlNormalizer.normalize("https://example.com/"))
                .isEqualTo(UrlNormalizer.normalize("https://example.com"));
    }

    @Test
    void sloppyUrlsFromPagesAreRepaired() {
        assertThat(UrlNormalizer.parse(" https://example.com/a b?q=ñ ")).hasToString("https://example.com/a%20b?q=%C3%B1");
        assertThat(UrlNormalizer.parse("https://bücher.example/")).hasToString("https://xn--bcher-kva.example/");
    }

    @Test
    void relativeReferencesResolveAgainstThePage() {
        URI page = URI.create("https://example.com/docs/intro");
        assertThat(UrlNormalizer.resolve(page, "setup")).hasToString("https://example.com/docs/setup");
        assertThat(UrlNormalizer.resolve(page, "/faq?x=1")).hasToString("https://example.com/faq?x=1");
        assertThat(UrlNormalizer.resolve(URI.create("https://example.com"), "a")).hasToString("https://example.com/a");
        assertThat(UrlNormalizer.resolve(page, "//cdn.example.net/x")).hasToString("https://cdn.example.net/x");
    }

    @Test
    void notAUrl() {
        assertThatThrownBy(() -> UrlNormalizer.parse("example.com/page"))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.code()).isEqualTo("invalid_url"));
        assertThatThrownBy(() -> UrlNormalizer.parse("  "))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.code()).isEqualTo("invalid_url"));
    }

    @Test
    void wwwAndSchemeDoNotChangeTheSite() {
        assertThat(UrlNormalizer.sameSite(URI.create("http://www.example.com/a"), URI.create("https://example.com/b"))).isTrue();
        assertThat(UrlNormalizer.sameSite(URI.create("https://Example.com:443/"), URI.create("https://example.com/"))).isTrue();
        assertThat(UrlNormalizer.sameSite(URI.create("https://docs.example.com/"), URI.create("https://example.com/"))).isFalse();
        assertThat(UrlNormalizer.sameSite(URI.create("https://example.com:8080/"), URI.create("https://example.com/"))).isFalse();
        assertThat(UrlNormalizer.sameSite(URI.create("https://wwwexample.com/"), URI.create("https://example.com/"))).isFalse();
    }

    @Test
    void logsNeverShowQueriesOrCredentials() {
        assertThat(UrlNormalizer.forLog(URI.create("https://u:pw@example.com/p?token=abc")))
                .isEqualTo("https://example.com/p?…");
    }
}
