package hub.roles;

import java.util.Optional;

import hub.config.HubProperties;
import hub.config.HubProperties.Role;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts only the routes of the roles this instance runs ({@code hub.roles}). A route fed from outside the JVM or by
 * a timer (HTTP, Kafka, timers, queues) belongs to the role its group names ({@code group("conversation")},
 * {@code group: jobs}); the REST routes are the API. Such a route without a role stops the start-up, so a new
 * consumer cannot run on every instance by omission. Routes fed by {@code direct:} are calls within the instance and
 * run wherever they are called.
 */
@Component
public record RoleRoutes(HubProperties hub) implements RoutePolicyFactory {

    private static final Logger log = LoggerFactory.getLogger(RoleRoutes.class);

    /** Puts every route {@code builder} has defined so far in {@code role}'s group. */
    public static void assign(RouteBuilder builder, Role role) {
        builder.getRouteCollection().getRoutes().forEach(route -> route.group(role.group()));
    }

    /** The role of an entry route; empty for a route fed by {@code direct:}. */
    public static Optional<Role> roleOf(Route route) {
        if (route.getEndpoint() instanceof DirectEndpoint) {
            return Optional.empty();
        }
        if (route.getGroup() == null && route.isCreatedByRestDsl()) {
            return Optional.of(Role.API);
        }
        return Optional.of(Role.ofGroup(route.getGroup()).orElseThrow(() -> new IllegalStateException("Route "
                + route.getRouteId() + " (from " + route.getEndpoint().getEndpointBaseUri() + ") belongs to no role of hub.roles: "
                + "put it in the group of one (ingress, conversation, knowledge, jobs, api, console)")));
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onInit(Route route) {
                roleOf(route).filter(role -> !hub.runs(role)).ifPresent(role -> {
                    route.setAutoStartup(false);
                    log.debug("Route {} not started: this instance does not run the {} role (hub.roles {})",
                            route.getRouteId(), role.group(), hub.roles());
                });
            }
        };
    }
}
