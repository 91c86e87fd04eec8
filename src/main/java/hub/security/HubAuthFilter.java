package hub.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authentication at the edge:
 * <ul>
 *   <li>{@code /api/**}: {@code Authorization: Bearer <key>} with an organisation's API key, or the
 *       platform operator's {@code hub.admin.token};</li>
 *   <li>{@code /actuator/**} (Hawtio, Jolokia, route details) except health, info and prometheus:
 *       the operator token, as a bearer token or as the password of HTTP Basic (for browsers).</li>
 * </ul>
 * Without a configured operator token the operator surfaces stay closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class HubAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(HubAuthFilter.class);
    /** The API's OpenAPI description is public. */
    private static final String OPENAPI = "/api/openapi.json";
    private static final Set<String> OPEN_ACTUATOR = Set.of("/actuator/health", "/actuator/info", "/actuator/prometheus");

    private final ApiKeyRepository apiKeys;
    private final ObjectMapper mapper;
    private final byte[] adminToken;

    public HubAuthFilter(ApiKeyRepository apiKeys, ObjectMapper mapper, HubProperties hub) {
        this.apiKeys = apiKeys;
        this.mapper = mapper;
        String token = hub.admin().token();
        this.adminToken = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(OPENAPI)) {
            return true;
        }
        if (path.startsWith("/api/") || path.equals("/api")) {
            return false;
        }
        if (path.startsWith("/actuator")) {
            return OPEN_ACTUATOR.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader("Authorization");
        boolean api = path.startsWith("/api");

        Optional<Caller> caller = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            caller = isAdminToken(token) ? Optional.of(Caller.platformOperator())
                    : api && token.startsWith("wah_") ? apiKeys.findActive(token) : Optional.empty();
        } else if (!api && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            caller = basicPassword(authorization.substring(6).trim())
                    .filter(this::isAdminToken).map(password -> Caller.platformOperator());
        }

        if (caller.isEmpty()) {
            if (!api) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"WhatsApp Agent Hub operator\"");
            }
            reject(request, response, ApiError.unauthorized(authorization == null
                    ? "Authentication required: send Authorization: Bearer <API key>"
                    : "The credentials are invalid or revoked"));
            return;
        }
        if (!api && !caller.get().operator()) {
            reject(request, response, ApiError.forbidden("Only the platform operator may use this endpoint"));
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private boolean isAdminToken(String token) {
        return adminToken != null && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        log.info("{} {} refused: {} {}", request.getMethod(), request.getRequestURI(), error.status(), error.code());
        response.setStatus(error.status());
        response.setContentType("application/json");
        mapper.writeValue(response.getOutputStream(), error.body());
    }
}
