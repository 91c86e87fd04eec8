package hub.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.alerts.Alert;
import org.springframework.stereotype.Component;

/**
 * The console's own texts ({@code console/assets/i18n}) for what leaves the hub in the owner's language, such as an
 * alert posted to the organisation's Slack: worded as the console words it on its pages.
 */
@Component
public class ConsoleTexts {

    // a {name} in a text, filled in from the values
    private static final Pattern UNFILLED_NAME = Pattern.compile("\\{[a-z_]+}");
    private static final Map<String, Locale> LANGUAGES = Map.of("en", Locale.forLanguageTag("en-GB"), "es", Locale.forLanguageTag("es-ES"));

    private final Map<String, JsonNode> texts;

    public ConsoleTexts(ObjectMapper mapper) {
        texts = Map.of("en", read(mapper, "en"), "es", read(mapper, "es"));
    }

    /** The title (the type's), the text and the detail (a text from outside, such as a provider's error) of an alert. */
    public record Worded(String title, String text, String detail) {
    }

    /**
     * An alert in {@code language} (ISO 639-1; English when the console does not speak it): {@code alert_text.<reason>}
     * filled in from the metadata, else the hub's English message.
     */
    public Worded word(Alert alert, String language) {
        Map<String, Object> metadata = alert.metadata() == null ? Map.of() : alert.metadata();
        String title = text("alert." + alert.type().name(), language, Map.of());
        String text = text("alert_text." + alert.reason().code(), language, metadata);
        if (text == null || title == null) {
            return new Worded(title == null ? alert.type().name() : title, alert.message(), null);
        }
        return new Worded(title, text, metadata.get("detail") instanceof String detail ? detail : null);
    }

    /** The text of {@code key} with {@code values} filled in (numbers as the language writes them); null when it has none for them. */
    public String text(String key, String language, Map<String, Object> values) {
        String lang = language != null && LANGUAGES.containsKey(language) ? language : "en";
        String text = texts.get(lang).path(key).asText(null);
        if (text == null) {
            return null;
        }
        NumberFormat numbers = NumberFormat.getIntegerInstance(LANGUAGES.get(lang));
        for (Map.Entry<String, Object> value : values.entrySet()) {
            if (value.getValue() != null) {
                text = text.replace("{" + value.getKey() + "}", value.getValue() instanceof Number n
                        ? number(numbers, n, lang) : String.valueOf(value.getValue()));
            }
        }
        return UNFILLED_NAME.matcher(text).find() ? null : text;
    }

    // Spanish groups a number's digits from five of them on (1000, 40.210), as the browser's Intl does; Java's
    // NumberFormat has no minimum grouping digits
    private static String number(NumberFormat format, Number n, String language) {
        format.setGroupingUsed(!"es".equals(language) || Math.abs(n.longValue()) >= 10_000);
        return format.format(n);
    }

    private static JsonNode read(ObjectMapper mapper, String language) {
        try (InputStream in = ConsoleTexts.class.getResourceAsStream("/console/assets/i18n/" + language + ".json")) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
