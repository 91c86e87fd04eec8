package hub.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * An alert worded as the console words it, for a message that leaves the hub in the owner's language: the console's
 * own texts ({@code console/assets/i18n}), {@code alert_text.<reason>} filled in from the metadata, else the hub's
 * English message.
 */
@Component
public class AlertTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+}");
    private static final Map<String, Locale> LANGUAGES = Map.of("en", Locale.forLanguageTag("en-GB"), "es", Locale.forLanguageTag("es-ES"));

    private final Map<String, JsonNode> texts;

    public AlertTexts(ObjectMapper mapper) {
        texts = Map.of("en", read(mapper, "en"), "es", read(mapper, "es"));
    }

    /** The title (the type's), the text and the detail (a text from outside, such as a provider's error) of an alert. */
    public record Worded(String title, String text, String detail) {
    }

    /** In {@code language} (ISO 639-1) when the console speaks it, else in English. */
    public Worded word(Alert alert, String language) {
        String lang = language != null && LANGUAGES.containsKey(language) ? language : "en";
        JsonNode dictionary = texts.get(lang);
        String title = dictionary.path("alert." + alert.type().name()).asText(alert.type().name());
        String text = dictionary.path("alert_text." + alert.reason().code()).asText(null);
        Map<String, Object> metadata = alert.metadata() == null ? Map.of() : alert.metadata();
        if (text != null) {
            NumberFormat numbers = NumberFormat.getIntegerInstance(LANGUAGES.get(lang));
            for (Map.Entry<String, Object> value : metadata.entrySet()) {
                if (value.getValue() != null) {
                    text = text.replace("{" + value.getKey() + "}", value.getValue() instanceof Number n
                            ? numbers.format(n) : String.valueOf(value.getValue()));
                }
            }
        }
        if (text == null || PLACEHOLDER.matcher(text).find()) {
            return new Worded(title, alert.message(), null);
        }
        return new Worded(title, text, metadata.get("detail") instanceof String detail ? detail : null);
    }

    private static JsonNode read(ObjectMapper mapper, String language) {
        try (InputStream in = AlertTexts.class.getResourceAsStream("/console/assets/i18n/" + language + ".json")) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
