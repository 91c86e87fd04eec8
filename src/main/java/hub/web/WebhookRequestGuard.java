package hub.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
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
 * parse as parameters and so destroy the exact bytes the signature covers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WebhookRequestGuard extends OncePerRequestFilter {

    private final ObjectMapper mapper;
    private final long maxBytes;

    public WebhookRequestGuard(ObjectMapper mapper, HubProperties hub) {
        this.mapper = mapper;
        this.maxBytes = hub.webhook().maxBodySize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !"/webhook".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (request.getContentLengthLong() > maxBytes) {
            reject(response, new ApiError(413, "payload_too_large", "Webhook bodies are limited to " + maxBytes + " bytes"));
        } else if (contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("multipart/"))) {
            reject(response, new ApiError(415, "unsupported_media_type", "Webhook events must be sent as application/json"));
        } else {
            chain.doFilter(request, response);
        }
    }

    private void reject(HttpServletResponse response, ApiError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        mapper.writeValue(response.getOutputStream(), error.body());
    }
}
