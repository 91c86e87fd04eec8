package hub.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first judge of a request's path, with 400 for any path that is not written plainly: Spring Security's
 * {@link StrictHttpFirewall} (encoded slashes and dots, dot segments, {@code //}, {@code ;}, backslashes, control
 * characters) and, on top of it, a percent-encoded character that never needs encoding (a letter, a digit, or
 * one of {@code - . _ ~}, as in {@code /%61ctuator}). Such spellings only ever name what a plain spelling names,
 * so no client needs them; in front of servlets mapped by path prefix (Jolokia, Hawtio) they break Spring's path
 * parsing, which runs before the security chain's own firewall, and would answer 500.
 */
public class RequestFirewallFilter extends OncePerRequestFilter {

    private final StrictHttpFirewall firewall;
    private final SecurityErrors errors;

    public RequestFirewallFilter(StrictHttpFirewall firewall, SecurityErrors errors) {
        this.firewall = firewall;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
            if (encodesUnreservedCharacter(request.getRequestURI())) {
                throw new RequestRejectedException("The request path percent-encodes a character that needs no encoding");
            }
        } catch (RequestRejectedException rejected) {
            errors.handle(request, response, rejected);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean encodesUnreservedCharacter(String path) {
        for (int i = path.indexOf('%'); i >= 0 && i + 2 < path.length(); i = path.indexOf('%', i + 1)) {
            int high = Character.digit(path.charAt(i + 1), 16);
            int low = Character.digit(path.charAt(i + 2), 16);
            if (high >= 0 && low >= 0 && unreserved((char) (high * 16 + low))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
    }
}
