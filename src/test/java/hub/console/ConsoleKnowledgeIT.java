package hub.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import hub.knowledge.TestDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The knowledge page: a PDF dropped on it is processed with live progress, then the question box finds its page; a
 * file the hub would refuse is explained in the person's language.
 */
class ConsoleKnowledgeIT extends ConsoleBrowserTest {

    @TempDir
    Path files;

    @Test
    void aDroppedPdfShowsProgressEndsSyncedAndTheQuestionBoxFindsItsPage() throws Exception {
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("rag_enabled", true)).statusCode()).isEqualTo(200);
        List<String> pages = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            pages.add(i == 3
                    ? "Devoluciones. Tienes 30 dias naturales para devolver un producto sin usar con su ticket de compra."
                    : ("Pagina %d del catalogo de la tienda: mochilas, tiendas de campana, sacos y linternas. ".formatted(i)).repeat(30));
        }
        Path pdf = files.resolve("guia-tienda.pdf");
        Files.write(pdf, TestDocuments.pdf("Guia de la tienda", pages));
        signInAsNewOwner();
        browser.click(By.cssSelector("a[data-nav='knowledge']"));
        browser.await(By.id("dropzone"));
        browser.script("""
                window.seen = {statuses: [], progress: false};
                new MutationObserver(() => {
                  document.querySelectorAll('#sources tr[data-status]').forEach(row => {
                    if (!window.seen.statuses.includes(row.dataset.status)) window.seen.statuses.push(row.dataset.status);
                  });
                  if (document.querySelector('#sources progress')) window.seen.progress = true;
                }).observe(document.getElementById('main'), {subtree: true, childList: true, attributes: true});""");

        drop(pdf);

        browser.await(By.cssSelector("#sources tr[data-status='synced']"), Duration.ofSeconds(90));
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) browser.script("return window.seen");
        assertThat((List<String>) seen.get("statuses")).as("the source was shown while it was processed")
                .containsAnyOf("pending", "processing").contains("synced");
        assertThat(seen.get("progress")).as("a progress bar was shown").isEqualTo(true);
        WebElement row = browser.await(By.cssSelector("#sources tr[data-status='synced']"));
        assertThat(row.getText()).contains("guia-tienda.pdf").contains("Synced");

        browser.type(By.id("knowledge-question"), "devolver un producto");
        browser.click(By.id("knowledge-search"));
        browser.await(By.cssSelector("#search-results .passage"));
        WebElement best = browser.await(By.cssSelector("#search-results .passage"));
        assertThat(best.findElement(By.cssSelector(".source-name")).getText()).contains("guia-tienda");
        assertThat(best.findElement(By.cssSelector(".page")).getText()).isEqualTo("page 3");
        assertThat(best.getText()).contains("30 dias naturales");
        browser.screenshots("knowledge", By.id("dropzone"));
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void whatTheHubRefusesOrCannotReadIsExplainedInThePersonsLanguageAndTooLargeFilesAreNotSent() throws Exception {
        Path large = files.resolve("catalogo-completo.txt");
        Files.write(large, new byte[10 * 1024 * 1024 + 1]);
        Path photo = files.resolve("foto-tienda.pdf");
        Files.write(photo, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Path broken = files.resolve("tarifas-rotas.pdf");
        Files.writeString(broken, "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage");
        assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("rag_enabled", true)).statusCode()).isEqualTo(200);
        signInAsNewOwner();
        new Select(browser.await(By.id("language"))).selectByValue("es");
        browser.await(By.cssSelector("a[data-nav='knowledge']")).click();
        browser.awaitText(By.id("upload-limits"), "Hasta 10 MB cada uno");

        drop(large);
        browser.awaitText(By.cssSelector(".upload-results li.error-text"),
                "catalogo-completo.txt: demasiado grande: los archivos pueden tener hasta 10 MB");
        drop(photo);
        browser.awaitText(By.cssSelector(".upload-results li.error-text:nth-child(2)"),
                "foto-tienda.pdf: Este tipo de archivo no se puede leer: usa PDF, DOCX, HTML, Markdown o texto.");
        drop(broken);
        WebElement failed = browser.await(By.cssSelector("#sources tr[data-status='failed'] .source-error"),
                Duration.ofSeconds(60));
        assertThat(failed.getText())
                .isEqualTo("No se pudo leer el archivo: está dañado o no es del tipo que indica su nombre.");
        assertThat(failed.getAttribute("title")).as("the hub's own words, for the curious")
                .startsWith("The file is not a readable PDF");

        assertThat(browser.requestedUrls()).as("the file over the limit was not sent")
                .filteredOn(url -> url.endsWith("/knowledge/upload")).hasSize(2);
        browser.assertNothingLeftTheOrigin();
    }

    @Test
    void aCrawledSitesTickedPagesAreAddedAndOneTheQuotaRefusesIsListedWithItsReason() {
        WireMockServer site = new WireMockServer(wireMockConfig().dynamicPort());
        site.start();
        try {
            String base = "http://127.0.0.1:" + site.port();
            page(site, "/", "Tienda Sol", "<a href=\"/envios\">Envíos</a> <a href=\"/devoluciones\">Devoluciones</a>");
            page(site, "/envios", "Envíos", "<p>Enviamos a toda España en 24 a 48 horas laborables.</p>");
            page(site, "/devoluciones", "Devoluciones", "<p>Tienes 30 días para devolver un producto sin usar.</p>");
            assertThat(api.patch("/api/chatbots/" + tenant.chatbotId(), Map.of("rag_enabled", true)).statusCode()).isEqualTo(200);
            jdbc.update("UPDATE organizations SET max_knowledge_urls = 1 WHERE id = ?", tenant.organizationId());
            signInAsNewOwner();
            new Select(browser.await(By.id("language"))).selectByValue("es");
            browser.await(By.cssSelector("a[data-nav='knowledge']")).click();

            browser.type(By.id("crawl-url"), base + "/");
            browser.type(By.id("crawl-keywords"), "envios, devoluciones");
            browser.await(By.id("crawl-url")).sendKeys(Keys.ENTER);
            browser.await(By.cssSelector("#crawl-results .crawl-pages input[value='" + base + "/devoluciones']"),
                    Duration.ofSeconds(30));
            browser.script("""
                    document.querySelectorAll('#crawl-results .crawl-pages input').forEach(box =>
                      box.checked = box.value.endsWith('/envios') || box.value.endsWith('/devoluciones'));""");
            browser.click(By.id("ingest-selected"));

            WebElement refused = browser.await(By.cssSelector("#crawl-refused li"));
            assertThat(refused.getText()).contains(base + "/").contains("Se ha agotado una cuota de conocimiento");
            browser.await(By.cssSelector("#sources tr[data-status='synced']"), Duration.ofSeconds(60));
            assertThat(browser.driver().findElements(By.cssSelector("#sources tr"))).hasSize(1);
            browser.assertNothingLeftTheOrigin();
        } finally {
            site.stop();
        }
    }

    private static void page(WireMockServer site, String path, String title, String body) {
        site.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!doctype html><html><head><title>" + title + "</title></head><body>" + body
                        + "</body></html>")));
    }

    /** What a person's drag and drop gives the page: a drop event whose DataTransfer holds the file. */
    private void drop(Path file) {
        browser.script("""
                const input = document.createElement('input');
                input.type = 'file';
                input.id = 'test-drop-source';
                document.body.append(input);""");
        browser.driver().findElement(By.id("test-drop-source")).sendKeys(file.toAbsolutePath().toString());
        browser.script("""
                const input = document.getElementById('test-drop-source');
                const transfer = new DataTransfer();
                [...input.files].forEach(file => transfer.items.add(file));
                const zone = document.getElementById('dropzone');
                ['dragenter', 'dragover', 'drop'].forEach(type =>
                  zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer})));
                input.remove();""");
    }
}
