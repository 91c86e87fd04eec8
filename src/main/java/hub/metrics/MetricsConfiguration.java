package hub.metrics;

import java.util.regex.Pattern;

import hub.config.HubProperties;
import hub.tools.ToolCircuitBreakers;
import hub.whatsapp.graph.GraphApiClient;
import io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The metrics' wiring: bounded tenant labels, and the state, failure rate and calls of the circuit breakers (Graph API
 * per phone number id, tools per integration) through resilience4j's own binder, under names of their own.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    // every breaker is a few series per phone number or integration: the sliding window's contents are left out
    private static final Pattern BREAKER_DETAIL = Pattern.compile(
            "hub\\.(graph\\.api|tool)\\.circuitbreaker\\.(buffered\\.calls|slow\\.calls|slow\\.call\\.rate)");

    @Bean
    MeterFilter boundedTagValues(HubProperties hub) {
        return new BoundedTagValues(hub.metrics().maxTagValues());
    }

    @Bean
    MeterFilter circuitBreakerWindowLeftOut() {
        return MeterFilter.deny(id -> BREAKER_DETAIL.matcher(id.getName()).matches());
    }

    @Bean
    MeterBinder graphApiCircuitBreakerMetrics(GraphApiClient graph) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(names("hub.graph.api.circuitbreaker"), graph.circuitBreakers());
    }

    @Bean
    MeterBinder toolCircuitBreakerMetrics(ToolCircuitBreakers tools) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(names("hub.tool.circuitbreaker"), tools.registry());
    }

    private static CircuitBreakerMetricNames names(String prefix) {
        return CircuitBreakerMetricNames.custom()
                .callsMetricName(prefix + ".calls")
                .notPermittedCallsMetricName(prefix + ".not.permitted.calls")
                .stateMetricName(prefix + ".state")
                .bufferedCallsMetricName(prefix + ".buffered.calls")
                .slowCallsMetricName(prefix + ".slow.calls")
                .failureRateMetricName(prefix + ".failure.rate")
                .slowCallRateMetricName(prefix + ".slow.call.rate")
                .build();
    }
}
