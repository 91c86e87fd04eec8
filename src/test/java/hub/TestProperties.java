package hub;

import java.util.Map;

import hub.config.HubProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** {@link HubProperties} with its defaults and the given overrides, bound as the application would. */
public final class TestProperties {

    private TestProperties() {
    }

    public static HubProperties hub(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("hub", HubProperties.class);
    }

    /** The settings of src/main/resources/application.yaml. */
    public static HubProperties applicationYaml() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
            return Binder.get(environment).bindOrCreate("hub", HubProperties.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
