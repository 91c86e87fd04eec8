package hub.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses webhook POSTs (whatever the spelling of the path) that cannot be a Meta event before
 * anything reads them: a media type other than JSON, or a compressed body, answers 415 (form and
 * multipart bodies would otherwise be parsed by the servlet layer, destroying the exact bytes the
 * signature covers). While the webhook route is not running (the hub is starting or stopping) the
 * answer is 503, so Meta retries later. {@link RequestBodyLimit} caps the size.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class WebhookRequestGuard extends OncePerRequestFilter {

    private static final String WEBHOOK_ROUTE = "whatsapp-webhook";

    private final ObjectMapper mapper;
    private final ObjectProvider<CamelContext> camel;
    /** Resolved on the first webhook: looking the bean up again on every request cost more than the check. */
    private volatile CamelContext context;

    public WebhookRequestGuard(ObjectMapper mapper, ObjectProvider<CamelContext> camel) {
        this.mapper = mapper;
        this.camel = camel;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/webhook".equals(RequestPaths.of(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!webhookRouteStarted()) {
            reject(response, new ApiError(503, "starting", "The hub is not ready to receive events; retry later"));
        } else if (!isJson(request.getContentType())) {
            reject(response, new ApiError(415, "unsupported_media_type", "Webhook events must be sent as application/json"));
        } else if (isEncoded(request.getHeader("Content-Encoding"))) {
            reject(response, new ApiError(415, "unsupported_media_type", "Webhook events must be sent uncompressed"));
        } else {
            chain.doFilter(request, response);
        }
    }

    /** {@code application/json} or {@code application/*+json}, with any parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean isEncoded(String contentEncoding) {
        return contentEncoding != null && !contentEncoding.isBlank() && !"identity".equalsIgnoreCase(contentEncoding.strip());
    }

    private boolean webhookRouteStarted() {
        CamelContext context = this.context;
        if (context == null) {
            context = camel.getIfAvailable();
            this.context = context;
        }
        ServiceStatus status = context == null ? null : context.getRouteController().getRouteStatus(WEBHOOK_ROUTE);
        return status != null && status.isStarted();
    }

    private void reject(HttpServletResponse response, ApiError error) throws IOException {
        response.setHeader("Connection", "close");
        error.writeTo(response, mapper);
    }
}
