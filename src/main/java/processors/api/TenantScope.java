package processors.api;

import hub.ExchangeKeys;
import hub.security.ApiRateLimits;
import hub.security.Caller;
import hub.security.CallerAuthentication;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * Puts the authenticated caller's organisation on the exchange ({@link ExchangeKeys#ORGANIZATION_ID}) for the
 * tenant API routes; requests without an organisation API key are refused, and so are requests over
 * the key's rate limits ({@link ApiRateLimits}: 429 with Retry-After).
 */
@Component
public record TenantScope(ApiRateLimits rateLimits) implements Processor {

    @Override
    public void process(Exchange exchange) {
        Caller caller = caller(exchange);
        if (caller == null) {
            throw ApiError.unauthorized("Authentication required: send Authorization: Bearer <API key>");
        }
        if (caller.organizationId() == null) {
            throw ApiError.forbidden("This endpoint needs an organisation's API key, not the operator token");
        }
        // a caller without an API key of its own shares its organisation's buckets
        rateLimits.consume(caller.apiKeyId() != null ? caller.apiKeyId() : caller.organizationId(), exchange.getFromRouteId());
        exchange.setProperty(ExchangeKeys.ORGANIZATION_ID, caller.organizationId());
    }

    /** The person calling through a console session, or null (an API key, the operator). */
    public static java.util.UUID userId(Exchange exchange) {
        Caller caller = caller(exchange);
        return caller == null ? null : caller.userId();
    }

    /** The caller the security chain authenticated for this request, or null. */
    static Caller caller(Exchange exchange) {
        PlatformHttpMessage http = exchange.getIn(PlatformHttpMessage.class);
        return http != null && http.getRequest().getUserPrincipal() instanceof CallerAuthentication authenticated
                ? authenticated.getPrincipal() : null;
    }
}
