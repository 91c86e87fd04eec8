package hub.knowledge.api;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.knowledge.KnowledgeConfiguration;
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
 * Refuses uploads before their body is read, after authentication: an upload whose declared length
 * exceeds the limit (plus room for the multipart framing) is 413 at once, and multipart bodies sent
 * to any other API path are 415 (the servlet layer would otherwise parse and buffer them for nothing).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class KnowledgeUploadGuard extends OncePerRequestFilter {

    private static final Pattern UPLOAD = Pattern.compile("/api/chatbots/[^/]+/knowledge/upload");

    private final ObjectMapper mapper;
    private final long maxUploadBytes;

    public KnowledgeUploadGuard(ObjectMapper mapper, HubProperties hub) {
        this.mapper = mapper;
        this.maxUploadBytes = hub.ingest().maxUploadSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
        boolean upload = "POST".equals(request.getMethod()) && UPLOAD.matcher(path(request)).matches();
        if (upload && request.getContentLengthLong() > maxUploadBytes + KnowledgeConfiguration.MULTIPART_OVERHEAD_BYTES) {
            reject(response, new ApiError(413, "payload_too_large",
                    "Files are limited to " + maxUploadBytes / (1024 * 1024) + " MiB"));
        } else if (multipart && !upload) {
            reject(response, new ApiError(415, "unsupported_media_type",
                    "Only POST /api/chatbots/{id}/knowledge/upload accepts multipart bodies; send JSON"));
        } else {
            chain.doFilter(request, response);
        }
    }

    private static String path(HttpServletRequest request) {
        return RequestPaths.of(request);
    }

    private void reject(HttpServletResponse response, ApiError error) throws IOException {
        response.setHeader("Connection", "close");
        error.writeTo(response, mapper);
    }
}
