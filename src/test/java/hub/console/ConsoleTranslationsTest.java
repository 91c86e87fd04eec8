package hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.alerts.Alert;
import org.junit.jupiter.api.Test;

/** Both languages say everything the console's pages ask for: a missing text would show its key to the person. */
class ConsoleTranslationsTest {

    private static final Path ASSETS = Path.of("src/main/resources/console/assets");
    private static final Pattern KEY = Pattern.compile("(?<![\\w.])t\\('([a-z0-9_.]+)'");
    private static final Pattern FILLED_IN_NAME = Pattern.compile("\\{[a-z_]+}");

    @Test
    void spanishAndEnglishHaveTheSameTextsAndEveryTextAPageAsksForExists() throws IOException {
        Set<String> english = keys("en.json");
        Set<String> spanish = keys("es.json");
        assertThat(spanish).as("Spanish against English").isEqualTo(english);

        Set<String> asked = new TreeSet<>();
        try (Stream<Path> scripts = Files.walk(ASSETS)) {
            for (Path script : scripts.filter(path -> path.toString().endsWith(".js")).toList()) {
                Matcher key = KEY.matcher(Files.readString(script));
                while (key.find()) {
                    asked.add(key.group(1));
                }
            }
        }
        assertThat(asked).hasSizeGreaterThan(100);
        assertThat(english).containsAll(asked);
        assertThat(english).as("a text for every alert reason (usage page)")
                .containsAll(Arrays.stream(Alert.Reason.values()).map(reason -> "alert_text." + reason.code()).toList());
    }

    @Test
    void aTranslationFillsInTheSameValuesAsTheEnglishText() throws IOException {
        JsonNode english = texts("en.json");
        JsonNode spanish = texts("es.json");
        english.fieldNames().forEachRemaining(key -> assertThat(filledInNames(spanish.path(key).asText()))
                .as(key).isEqualTo(filledInNames(english.get(key).asText())));
    }

    private static Set<String> filledInNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher name = FILLED_IN_NAME.matcher(text);
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    private static Set<String> keys(String file) throws IOException {
        Set<String> keys = new TreeSet<>();
        texts(file).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode texts(String file) throws IOException {
        try (InputStream in = Files.newInputStream(ASSETS.resolve("i18n").resolve(file))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
