package processors.api;

import hub.security.Caller;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Lets only the platform operator ({@code hub.admin.token}) through; organisation keys get 403. */
@Component
public class OperatorScope implements Processor {

    @Override
    public void process(Exchange exchange) {
        Caller caller = TenantScope.caller(exchange);
        if (caller == null) {
            throw ApiError.unauthorized("Authentication required: send Authorization: Bearer <operator token>");
        }
        if (!caller.operator()) {
            throw ApiError.forbidden("Only the platform operator may use this endpoint");
        }
    }
}
