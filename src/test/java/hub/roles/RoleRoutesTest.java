package hub.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import hub.TestProperties;
import hub.config.HubProperties;
import hub.config.HubProperties.Role;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RoleRoutesTest {

    @Test
    void rolesAreBoundFromACommaSeparatedListAndDefaultToAll() {
        HubProperties workers = TestProperties.hub(Map.of("hub.roles", "Conversation, jobs"));
        assertThat(workers.runs(Role.CONVERSATION)).isTrue();
        assertThat(workers.runs(Role.JOBS)).isTrue();
        assertThat(workers.runs(Role.INGRESS)).isFalse();
        assertThat(workers.runs(Role.API)).isFalse();
        HubProperties everything = TestProperties.hub(Map.of());
        assertThat(Role.values()).allMatch(everything::runs);
    }

    @Test
    void anUnknownOrEmptyRoleStopsTheStartUp() {
        assertThatThrownBy(() -> TestProperties.hub(Map.of("hub.roles", "ingress,worker"))).hasStackTraceContaining("worker");
        assertThatThrownBy(() -> TestProperties.hub(Map.of("hub.roles", ""))).hasStackTraceContaining("hub.roles names no role");
    }

    @Test
    void onlyTheEntryRoutesOfTheRolesRunStartAndCallsWithinTheInstanceAlwaysDo() throws Exception {
        try (CamelContext camel = camel("ingress", new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:job?period=60000").routeId("job").group("jobs").to("direct:work");
                from("timer:sweep?period=60000").routeId("sweep").group("conversation").to("direct:work");
                from("seda:webhook").routeId("webhook").group("ingress").to("direct:work");
                from("direct:work").routeId("work").group("jobs").log("working");
            }
        })) {
            camel.start();
            assertThat(camel.getRouteController().getRouteStatus("webhook").isStarted()).isTrue();
            assertThat(camel.getRouteController().getRouteStatus("work").isStarted()).isTrue();
            assertThat(camel.getRouteController().getRouteStatus("job").isStarted()).isFalse();
            assertThat(camel.getRouteController().getRouteStatus("sweep").isStarted()).isFalse();
        }
    }

    @Test
    void anEntryRouteThatNamesNoRoleStopsTheStartUp() throws Exception {
        try (CamelContext camel = camel("all", new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:forgotten?period=60000").routeId("forgotten").log("tick");
            }
        })) {
            assertThatThrownBy(camel::start).hasStackTraceContaining("Route forgotten (from timer://forgotten) belongs to no role");
        }
    }

    private static CamelContext camel(String roles, RouteBuilder routes) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutePolicyFactory(new RoleRoutes(TestProperties.hub(Map.of("hub.roles", roles))));
        camel.addRoutes(routes);
        return camel;
    }
}
