package hub.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API and console bodies of the wrong type before anything reads them: every body there is JSON
 * ({@code application/json} or a {@code +json} type) but the knowledge upload's, which is multipart; anything else
 * is 415, and so is an upload that is not {@code multipart/form-data}. A form on another site can post
 * {@code text/plain} or a form without asking first, and the servlet and HTTP layers would parse a form or multipart
 * body for nothing. (Sizes are {@link RequestBodyLimit}'s.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ApiBodyGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiBodyGuard.class);

    private final ObjectMapper mapper;

    public ApiBodyGuard(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !path.startsWith("/api/") && !path.startsWith("/console/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = "POST".equals(request.getMethod()) && RequestPaths.isKnowledgeUpload(RequestPaths.of(request));
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (upload && !isMultipartForm(request.getContentType())) {
            reject(request, response, new ApiError(415, "unsupported_media_type",
                    "Send the file as multipart/form-data, in a part named 'file'"));
        } else if (upload || !body || isJson(request.getContentType())) {
            chain.doFilter(request, response);
        } else {
            reject(request, response, new ApiError(415, "unsupported_media_type", "The request body must be sent as application/json"
                    + " (only POST /api/chatbots/{id}/knowledge/upload takes multipart)"));
        }
    }

    /** {@code application/json} or a {@code +json} type, parameters aside; no header, or one that does not parse, is not. */
    static boolean isJson(String contentType) {
        MediaType type = parse(contentType);
        return type != null && "application".equals(type.getType())
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    static boolean isMultipartForm(String contentType) {
        MediaType type = parse(contentType);
        return type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type);
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        log.info("{} {} refused: {} {} ({})", request.getMethod(), RequestPaths.of(request), error.status(), error.code(),
                request.getContentType());
        response.setHeader("Connection", "close");
        error.writeTo(response, mapper);
    }
}
