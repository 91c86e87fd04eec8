package routes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A route of the API that forgets its caller scope does not start: the hub fails closed, not open. */
class ApiRoutesTest {

    @Test
    void anApiRouteWithoutTenantOrOperatorScopeRefusesToStart() throws Exception {
        ApiRoutes unscoped = new ApiRoutes() {
            @Override
            protected void routes() {
                rest("/api/things").get().to("direct:things");
                from("direct:things").routeId("things").setBody(constant("everyone's things"));
            }
        };
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThatThrownBy(() -> camel.addRoutes(unscoped)).hasStackTraceContaining("API route things has no caller scope");
        }
    }
}
