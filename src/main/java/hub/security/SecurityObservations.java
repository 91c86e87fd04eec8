package hub.security;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No observation (timers and spans) for each security filter of each request: with them the security chain
 * cost the webhook half its throughput, and the HTTP server observation already times every request.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityObservations {

    @Bean
    ObservationRegistryCustomizer<ObservationRegistry> noSecurityFilterObservations() {
        return registry -> registry.observationConfig()
                .observationPredicate((name, context) -> !name.startsWith("spring.security."));
    }
}
