package hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, recording every request the page makes (Chrome's
 * performance log) so a test can prove that nothing leaves the hub's origin.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("docs", "screenshots");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String origin;
    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> requests = new ArrayList<>();

    public Browser(String origin, String language) {
        this.origin = origin;
        try {
            profile = Files.createTempDirectory("hub-console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language,
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        resize(DESKTOP);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(origin + path);
    }

    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement await(By locator) {
        return await(locator, Duration.ofSeconds(15));
    }

    public WebElement await(By locator, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void awaitText(By locator, String text) {
        awaitText(locator, text, Duration.ofSeconds(15));
    }

    public void awaitText(By locator, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    public void until(Duration timeout, java.util.function.Function<ChromeDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout).until(d -> condition.apply(driver));
    }

    /** Clicks the element, found again if the page drew it anew in between (a list that live events redraw). */
    public void click(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
                    if (element != null) {
                        element.click();
                    }
                    return element != null;
                });
    }

    public void type(By locator, String text) {
        WebElement element = await(locator);
        element.clear();
        element.sendKeys(text);
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** fetch() from the page itself, with its cookie: the answer's status. */
    public long fetchStatus(String method, String path) {
        return ((Number) asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[1], {method: arguments[0], credentials: 'same-origin', headers: {Accept: 'application/json'}})
                  .then(r => done(r.status), () => done(-1));""", method, path)).longValue();
    }

    /** The page's viewport exactly {@code size} (a phone's also renders as a mobile page). */
    public void resize(Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", size.width, "height", size.height,
                "deviceScaleFactor", 1, "mobile", size.width < 600));
    }

    /** Saves the top of the page as docs/screenshots/{name}-{desktop|phone}.png (the viewport's width names it), without toasts. */
    public void screenshot(String name) {
        long width = ((Number) script("return window.innerWidth")).longValue();
        Path file = SCREENSHOTS.resolve(name + (width < 600 ? "-phone" : "-desktop") + ".png");
        script("document.querySelectorAll('.toast-item').forEach(toast => toast.remove()); window.scrollTo(0, 0)");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page at desktop width, then at phone width once {@code shown} is visible there, both saved by {@link #screenshot}. */
    public void screenshots(String name, By shown) {
        screenshot(name);
        resize(PHONE);
        await(shown);
        screenshot(name);
    }

    /** Every URL the browser requested so far (documents, scripts, styles, fetches, the event stream, images). */
    public List<String> requestedUrls() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = MAPPER.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                    requests.add(message.at("/params/request/url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(requests);
    }

    /**
     * Every request to the network (http, https, ws, wss) went to the hub (chrome:, data: and blob: URLs stay in the
     * browser), and the page logged no error.
     */
    public void assertNothingLeftTheOrigin() {
        List<String> network = requestedUrls().stream().filter(url -> url.matches("(?i)^(https?|wss?|ftp):.*")).toList();
        assertThat(network).as("the browser made requests").anyMatch(url -> url.startsWith(origin + "/console/assets/"));
        assertThat(network).as("requests that left the hub").filteredOn(url -> !url.startsWith(origin + "/")).isEmpty();
        assertNoPageErrors();
    }

    /**
     * The page's console shows no error: no script error and nothing the Content-Security-Policy refused (answers
     * with an error status that a test asked for are not the page's errors).
     */
    public void assertNoPageErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(message -> !message.contains("Failed to load resource")).toList();
        assertThat(errors).as("errors in the page's console").isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
