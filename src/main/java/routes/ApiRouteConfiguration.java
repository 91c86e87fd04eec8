package routes;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;
import processors.api.ErrorResponder;
import processors.api.OperatorScope;
import processors.api.TenantScope;

/**
 * What every route of the management API shares: who may call it and how it fails. Tenant routes run for
 * the organisation of the caller's API key ({@link TenantScope}, rate limits included), operator routes
 * for the platform operator only ({@link OperatorScope}); any failure answers in the hub's JSON error
 * shape ({@link ErrorResponder}). {@link ApiRoutes} refuses to start a route of the API without one of them.
 */
@Component
public class ApiRouteConfiguration extends RouteConfigurationBuilder {

    public static final String TENANT = "tenant-api";
    public static final String OPERATOR = "operator-api";

    @Override
    public void configuration() {
        var tenant = routeConfiguration(TENANT);
        tenant.onException(Exception.class).handled(true).process("errorResponder");
        // the copies platform-http made of uploaded files go whatever happens next, a refused caller included
        tenant.interceptFrom().process("discardUploadCopies").process("tenantScope");

        var operator = routeConfiguration(OPERATOR);
        operator.onException(Exception.class).handled(true).process("errorResponder");
        operator.interceptFrom().process("operatorScope");
    }
}
