package hub.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security chain's refusals in the hub's error shape, each logged once at info (method, path, status; never
 * a credential): 400 for a request the firewall rejects, 401 without valid credentials (with a Basic challenge
 * outside the API, so a browser asks for the operator token), 403 for a caller who may not use the endpoint,
 * 429 for a source address that failed authentication too often. A failed credential is counted against its
 * source address.
 */
public record SecurityErrors(ObjectMapper mapper,
                             FailedAuthenticationLimiter limiter) implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String REALM = "Basic realm=\"WhatsApp Agent Hub operator\"";
    private static final Logger log = LoggerFactory.getLogger(SecurityErrors.class);
    private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    private static final RequestMatcher OPERATOR_API = PathPatternRequestMatcher.withDefaults().matcher("/api/admin/**");
    static final RequestMatcher CONSOLE = PathPatternRequestMatcher.withDefaults().matcher("/console/**");

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean credentialsSent = !(failure instanceof InsufficientAuthenticationException);
        if (credentialsSent) {
            limiter.recordFailure(request.getRemoteAddr());
        }
        boolean api = API.matches(request);
        if (!api && !CONSOLE.matches(request)) {
            response.setHeader("WWW-Authenticate", REALM);
        }
        write(request, response, ApiError.unauthorized(!credentialsSent
                ? "Authentication required: send Authorization: Bearer <" + (api ? "API key" : "operator token") + ">"
                : "The credentials are invalid or revoked"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        CallerAuthentication caller = request.getUserPrincipal() instanceof CallerAuthentication authenticated ? authenticated : null;
        ApiError error;
        if (denied instanceof CsrfException) {
            error = new ApiError(403, "csrf", "Send the session's CSRF token (GET /console/session) as header X-CSRF-TOKEN");
        } else if (caller != null && caller.mustChangePassword()) {
            error = new ApiError(403, "password_change_required", "Change the initial password first (POST /console/password)");
        } else if (caller != null && caller.getPrincipal().operator() && API.matches(request)) {
            error = ApiError.forbidden("This endpoint needs an organisation's API key, not the operator token");
        } else if (caller != null && !caller.getPrincipal().operator()) {
            error = ApiError.forbidden(API.matches(request) && !OPERATOR_API.matches(request)
                    ? "Only an owner of the organisation may use this endpoint" : "Only the platform operator may use this endpoint");
        } else {
            error = ApiError.forbidden("Only the platform operator may use this endpoint");
        }
        write(request, response, error);
    }

    void invalidCredentials(HttpServletRequest request, HttpServletResponse response) throws IOException {
        limiter.recordFailure(request.getRemoteAddr());
        write(request, response, new ApiError(401, "invalid_credentials", "The e-mail address or the password is wrong"));
    }

    void accountLocked(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(request, response, new ApiError(423, "account_locked",
                "Too many failed sign-ins for this e-mail address; retry in " + retryAfterSeconds + " s"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        write(request, response, ApiError.badRequest("bad_request",
                "The request path or headers are not in a form the hub accepts"));
    }

    void crossOrigin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, ApiError.forbidden("Operator endpoints answer only pages of the hub itself"));
    }

    void tooManyFailures(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(request, response, new ApiError(429, "too_many_requests",
                "Too many failed authentication attempts from this address; retry in " + retryAfterSeconds + " s"));
    }

    void write(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        log.info("{} {} refused: {} {}", request.getMethod(), request.getRequestURI(), error.status(), error.code());
        error.writeTo(response, mapper);
    }
}
