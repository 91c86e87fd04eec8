package hub.security;

import java.io.IOException;
import java.util.OptionalLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses credentials from a source address that has used up its failed attempts ({@link FailedAuthenticationLimiter})
 * with 429 and {@code Retry-After}, before they are checked: an {@code Authorization} header or a console sign-in. Requests without credentials (the webhook, the
 * public endpoints) pass: they are judged as usual.
 */
public class FailedAuthenticationThrottle extends OncePerRequestFilter {

    private final FailedAuthenticationLimiter limiter;
    private final SecurityErrors errors;

    public FailedAuthenticationThrottle(FailedAuthenticationLimiter limiter, SecurityErrors errors) {
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean credentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null || ConsoleSignIn.PATH.matches(request);
        OptionalLong blocked = !credentials ? OptionalLong.empty()
                : limiter.blockedForSeconds(request.getRemoteAddr());
        if (blocked.isPresent()) {
            errors.tooManyFailures(request, response, blocked.getAsLong());
        } else {
            chain.doFilter(request, response);
        }
    }
}
