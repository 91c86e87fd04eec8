package hub.roles;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.config.HubProperties.Role;
import hub.web.ApiError;
import hub.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP surfaces of roles this instance does not run answer 404 before anything else reads the request:
 * {@code /webhook} without {@code ingress} (nothing reaches Kafka), {@code /api/**} without {@code api},
 * {@code /console/**} without {@code console}. Paths are judged as the servlet container routes them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClosedSurfaces extends OncePerRequestFilter {

    private final HubProperties hub;
    private final ObjectMapper mapper;

    public ClosedSurfaces(HubProperties hub, ObjectMapper mapper) {
        this.hub = hub;
        this.mapper = mapper;
    }

    /** The role whose surface {@code path} is, or empty for paths of every instance (health, metrics, operator). */
    static Optional<Role> surfaceOf(String path) {
        if (under(path, "/webhook")) {
            return Optional.of(Role.INGRESS);
        }
        if (under(path, "/api")) {
            return Optional.of(Role.API);
        }
        if (under(path, "/console")) {
            return Optional.of(Role.CONSOLE);
        }
        return Optional.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Role> surface = surfaceOf(RequestPaths.of(request));
        if (surface.isPresent() && !hub.runs(surface.get())) {
            ApiError.notFound("This instance does not serve " + RequestPaths.of(request)
                    + " (hub.roles has no " + surface.get().group() + ")").writeTo(response, mapper);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
