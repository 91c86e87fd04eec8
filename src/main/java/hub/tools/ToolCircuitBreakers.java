package hub.tools;

import java.util.UUID;

import hub.config.HubProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per integration (resilience4j): after {@code hub.tools.circuit-failure-threshold}
 * failures in a row its tools are not called for {@code hub.tools.circuit-open-for}; the LLM gets a tool
 * error at once instead. Then one trial call decides whether it closes again.
 */
@Component
public class ToolCircuitBreakers {

    private final CircuitBreakerRegistry registry;

    public ToolCircuitBreakers(HubProperties hub) {
        int threshold = Math.max(1, hub.tools().circuitFailureThreshold());
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(threshold)
                .minimumNumberOfCalls(threshold)
                .failureRateThreshold(100)
                .waitDurationInOpenState(hub.tools().circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    public CircuitBreaker of(UUID integrationId) {
        return registry.circuitBreaker("integration-" + integrationId);
    }

    /** The circuit breakers, one per integration (named {@code integration-<id>}), for their metrics. */
    public CircuitBreakerRegistry registry() {
        return registry;
    }

    /** Closes the integration's circuit: an operator re-activated it after fixing its server. */
    public void reset(UUID integrationId) {
        of(integrationId).reset();
    }
}
