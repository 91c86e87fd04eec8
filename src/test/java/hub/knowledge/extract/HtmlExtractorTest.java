package hub.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

    private final HtmlExtractor html = new HtmlExtractor();

    private static final String SHOP_PAGE = """
            <!DOCTYPE html>
            <html><head><title>Returns | Example Shop</title>
              <style>body { color: red }</style>
              <script>var tracking = "SCRIPT-TEXT";</script>
            </head>
            <body>
              <div id="cookie-banner">We use cookies. <button>Accept all</button></div>
              <header class="site-header"><a href="/">Example Shop</a> HEADER-TEXT</header>
              <nav><ul><li><a href="/">Home</a></li><li><a href="/faq">NAV-TEXT</a></li></ul></nav>
              <div class="page">
                <aside class="related">ASIDE-TEXT</aside>
                <main>
                  <h1>Returns policy</h1>
                  <p>You can return any item within <b>30 days</b> of delivery.</p>
                  <p>Refunds are paid to the original payment method.</p>
                  <h2>Exceptions</h2>
                  <p>Personalised items cannot be returned.</p>
                  <table><tr><th>Item</th><th>Window</th></tr><tr><td>Shoes</td><td>60 days</td></tr></table>
                  <form><label>Search</label><input name="q"> FORM-TEXT</form>
                </main>
                <div class="sidebar">SIDEBAR-TEXT</div>
              </div>
              <footer>FOOTER-TEXT &copy; 2024</footer>
              <noscript>NOSCRIPT-TEXT</noscript>
            </body></html>
            """;

    @Test
    void onlyTheMainTextIsKept() {
        ExtractedDocument document = html.mainText(SHOP_PAGE, "https://shop.example/returns");
        String all = all(document);

        assertThat(all).contains("You can return any item within 30 days of delivery.",
                "Personalised items cannot be returned.", "Item | Window\nShoes | 60 days");
        assertThat(all).doesNotContain("SCRIPT-TEXT", "color: red", "cookies", "Accept all", "HEADER-TEXT",
                "NAV-TEXT", "ASIDE-TEXT", "FORM-TEXT", "SIDEBAR-TEXT", "FOOTER-TEXT", "NOSCRIPT-TEXT");
    }

    @Test
    void headingsStartSectionsAndTheTitleComesFromTheTitleElement() {
        ExtractedDocument document = html.mainText(SHOP_PAGE, null);

        assertThat(document.type()).isEqualTo(DocumentType.HTML);
        assertThat(document.title()).isEqualTo("Returns | Example Shop");
        assertThat(document.sections()).extracting(Section::heading).containsExactly("Returns policy", "Exceptions");
        assertThat(document.sections().get(0).text()).isEqualTo("Returns policy\n\n"
                + "You can return any item within 30 days of delivery.\n\n"
                + "Refunds are paid to the original payment method.");
    }

    @Test
    void withoutMainAnArticleIsPreferredAndTheFirstH1IsTheTitle() {
        String page = "<html><body><div class='menu'>MENU-TEXT</div>"
                + "<div>Promo PROMO-TEXT</div>"
                + "<article><header><h1>Opening hours</h1><p>Updated in May</p></header>"
                + "<p>Mon-Fri 9:00-18:00</p><footer>ARTICLE-FOOTER</footer></article></body></html>";
        ExtractedDocument document = html.mainText(page, null);

        assertThat(document.title()).isEqualTo("Opening hours");
        assertThat(all(document)).contains("Opening hours", "Updated in May", "Mon-Fri 9:00-18:00")
                .doesNotContain("MENU-TEXT", "PROMO-TEXT", "ARTICLE-FOOTER");
    }

    @Test
    void landmarkRolesAreDropped() {
        String page = "<body><div role='navigation'>ROLE-NAV</div><div role='banner'>ROLE-BANNER</div>"
                + "<div role='main'><p>Main content here.</p></div><div role='contentinfo'>ROLE-INFO</div></body>";
        assertThat(all(html.mainText(page, null))).isEqualTo("Main content here.");
    }

    @Test
    void aPageWrappedInOneFormStillHasItsText() {
        String page = "<body><form id='aspnetForm'><div class='content'><h2>Delivery</h2>"
                + "<p>We deliver on weekdays.</p></div></form></body>";
        ExtractedDocument document = html.mainText(page, null);
        assertThat(all(document)).contains("We deliver on weekdays.");
        assertThat(document.sections().get(0).heading()).isEqualTo("Delivery");
    }

    @Test
    void inlineMarkupDoesNotGlueOrSplitWords() {
        String page = "<body><p>Hello <b>big</b><i> wide</i>   world,\n  see <a href='/x'>this link</a>.</p>"
                + "<ul><li>first</li><li>second</li></ul><p>line one<br>line two</p>"
                + "<pre>keep   this\n  layout</pre></body>";
        String text = all(html.mainText(page, null));
        assertThat(text).isEqualTo("Hello big wide world, see this link.\n\nfirst\n\nsecond\n\n"
                + "line one\nline two\n\nkeep   this\n  layout");
    }

    @Test
    void uploadedBytesAreDecodedWithTheCharsetThePageDeclares() {
        String page = "<html><head><meta charset='windows-1252'><title>Café</title></head>"
                + "<body><p>Crème brûlée — €5</p></body></html>";
        byte[] bytes = page.getBytes(Charset.forName("windows-1252"));
        ExtractedDocument document = new DocumentExtractor().extract(bytes, "menu.html");
        assertThat(document.title()).isEqualTo("Café");
        assertThat(all(document)).isEqualTo("Crème brûlée — €5");
    }

    @Test
    void aPageOfOnlyBoilerplateHasNoText() {
        String page = "<html><body><nav>Home</nav><script>x()</script><footer>© 2024</footer></body></html>";
        assertThat(html.mainText(page, null).hasText()).isFalse();
    }

    private static String all(ExtractedDocument document) {
        List<String> texts = document.sections().stream().map(Section::text).toList();
        return texts.stream().collect(Collectors.joining("\n\n"));
    }
}
