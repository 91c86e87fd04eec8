package hub.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.ObjectProvider;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses webhook POSTs that cannot be a Meta event before anything reads them: a declared length
 * over the limit (413) and form or multipart bodies (415), which the servlet layer would otherwise
 * parse as parameters and so destroy the exact bytes the signature covers. While the webhook route
 * is not running (the hub is starting or stopping) the answer is 503, so Meta retries later.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebhookRequestGuard extends OncePerRequestFilter {

    private static final String WEBHOOK_ROUTE = "whatsapp-webhook";

    private final ObjectMapper mapper;
    private final long maxBytes;
    private final ObjectProvider<CamelContext> camel;

    public WebhookRequestGuard(ObjectMapper mapper, HubProperties hub, ObjectProvider<CamelContext> camel) {
        this.mapper = mapper;
        this.maxBytes = hub.webhook().maxBodySize().toBytes();
        this.camel = camel;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/webhook".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (!webhookRouteStarted()) {
            reject(response, new ApiError(503, "starting", "The hub is not ready to receive events; retry later"));
        } else if (request.getContentLengthLong() > maxBytes) {
            reject(response, new ApiError(413, "payload_too_large", "Webhook bodies are limited to " + maxBytes + " bytes"));
        } else if (contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("multipart/"))) {
            reject(response, new ApiError(415, "unsupported_media_type", "Webhook events must be sent as application/json"));
        } else {
            chain.doFilter(request, response);
        }
    }

    private boolean webhookRouteStarted() {
        CamelContext context = camel.getIfAvailable();
        ServiceStatus status = context == null ? null : context.getRouteController().getRouteStatus(WEBHOOK_ROUTE);
        return status != null && status.isStarted();
    }

    private void reject(HttpServletResponse response, ApiError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        mapper.writeValue(response.getOutputStream(), error.body());
    }
}
