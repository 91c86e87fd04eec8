package hub.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator surfaces answer only pages of the hub itself. A browser that holds the operator's Basic
 * credentials would send them along with a request another site makes it send; such a request carries that
 * site's {@code Origin} (or {@code Referer}) or {@code Sec-Fetch-Site: cross-site}, and is refused with 403
 * before anything is checked. Requests without those headers (scripts, Prometheus) are judged as usual.
 */
public class SameOriginCheck extends OncePerRequestFilter {

    private final RequestMatcher operatorSurfaces;
    private final SecurityErrors errors;

    public SameOriginCheck(RequestMatcher operatorSurfaces, SecurityErrors errors) {
        this.operatorSurfaces = operatorSurfaces;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !operatorSurfaces.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site")) || !sameOrigin(request)) {
            errors.crossOrigin(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            origin = request.getHeader("Referer");
        }
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost() != null && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
