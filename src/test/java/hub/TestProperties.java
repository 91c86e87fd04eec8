package hub;

import java.util.Map;

import hub.config.HubProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link HubProperties} with its defaults and the given overrides, bound as the application would. */
public final class TestProperties {

    private TestProperties() {
    }

    public static HubProperties hub(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("hub", HubProperties.class);
    }
}
