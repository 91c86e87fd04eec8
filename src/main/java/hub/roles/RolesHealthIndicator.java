package hub.roles;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import hub.config.HubProperties;
import hub.config.HubProperties.Role;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code roles}, the readiness of this instance ({@code /actuator/health/readiness}): UP when every
 * route of the roles it runs has started and what those roles need answers — Kafka for ingress, conversation and
 * knowledge; PostgreSQL for all but ingress. So an ingress-only instance stays ready while PostgreSQL is down (it
 * keeps acknowledging into Kafka), and a worker is not ready while its consumers are stopped.
 */
@Component
public class RolesHealthIndicator implements HealthIndicator {

    private static final Set<Role> NEED_KAFKA = EnumSet.of(Role.INGRESS, Role.CONVERSATION, Role.KNOWLEDGE);
    private static final Set<Role> NEED_DATABASE = EnumSet.of(Role.CONVERSATION, Role.KNOWLEDGE, Role.JOBS, Role.API, Role.CONSOLE);

    private final HubProperties hub;
    private final ObjectProvider<CamelContext> camel;
    private final ObjectProvider<HealthContributorRegistry> health;

    public RolesHealthIndicator(HubProperties hub, ObjectProvider<CamelContext> camel,
                                ObjectProvider<HealthContributorRegistry> health) {
        this.hub = hub;
        this.camel = camel;
        this.health = health;
    }

    @Override
    public Health health() {
        List<String> notStarted = routesNotStarted();
        List<String> down = new ArrayList<>();
        if (needs(NEED_KAFKA) && !up("kafka")) {
            down.add("kafka");
        }
        if (needs(NEED_DATABASE) && !up("db")) {
            down.add("db");
        }
        Health.Builder builder = notStarted.isEmpty() && down.isEmpty() ? Health.up() : Health.down();
        builder.withDetail("roles", hub.roles().stream().map(Role::group).toList());
        if (!notStarted.isEmpty()) {
            builder.withDetail("routesNotStarted", notStarted);
        }
        if (!down.isEmpty()) {
            builder.withDetail("unavailable", down);
        }
        return builder.build();
    }

    /** Entry routes of this instance's roles that should run (auto-started) and are not running. */
    private List<String> routesNotStarted() {
        CamelContext context = camel.getIfAvailable();
        if (context == null || !context.isStarted()) {
            return List.of("camel context not started");
        }
        List<String> notStarted = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            boolean ours = RoleRoutes.roleOf(route).map(hub::runs).orElse(false);
            if (ours && Boolean.TRUE.equals(route.isAutoStartup())
                    && !context.getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                notStarted.add(route.getRouteId());
            }
        }
        return notStarted;
    }

    private boolean needs(Set<Role> roles) {
        return roles.stream().anyMatch(hub::runs);
    }

    private boolean up(String component) {
        HealthContributorRegistry registry = health.getIfAvailable();
        return registry != null && registry.getContributor(component) instanceof HealthIndicator indicator
                && Status.UP.equals(indicator.health().getStatus());
    }
}
