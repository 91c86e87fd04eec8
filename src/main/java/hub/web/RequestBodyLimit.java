package hub.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.knowledge.KnowledgeConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body while it streams, before anything reads it: a declared length over the
 * endpoint's limit is refused unread, and a body without one (chunked) is counted as it is read, so
 * the byte after the limit answers {@code 413 payload_too_large} and closes the connection; nothing
 * beyond the limit is read or buffered. The limit follows the path the container dispatches on:
 * the webhook's, the knowledge upload's, the API's, and the smallest of them for anything else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestBodyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimit.class);

    private final ObjectMapper mapper;
    private final DataSize maxUpload;
    private final long webhookBytes;
    private final long uploadBytes;
    private final long apiBytes;
    private final long otherBytes;

    public RequestBodyLimit(ObjectMapper mapper, HubProperties hub) {
        this.mapper = mapper;
        this.maxUpload = hub.ingest().maxUploadSize();
        this.webhookBytes = hub.webhook().maxBodySize().toBytes();
        this.uploadBytes = hub.ingest().maxUploadSize().toBytes() + KnowledgeConfiguration.MULTIPART_OVERHEAD_BYTES;
        this.apiBytes = hub.api().maxBodySize().toBytes();
        this.otherBytes = Math.min(webhookBytes, apiBytes);
    }

    /** The largest body accepted on {@code path} (as {@link RequestPaths#of} gives it). */
    long limitFor(String path) {
        if (path.equals("/webhook")) {
            return webhookBytes;
        }
        if (path.startsWith("/api/")) {
            return RequestPaths.isKnowledgeUpload(path) ? uploadBytes : apiBytes;
        }
        return otherBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared == 0) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitFor(RequestPaths.of(request));
        if (declared > limit) {
            refuse(request, response, limit);
        } else {
            chain.doFilter(new LimitedRequest(request, response, limit), response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        String path = RequestPaths.of(request);
        log.info("{} {} refused: body over {} bytes", request.getMethod(), path, limit);
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        ApiError error = RequestPaths.isKnowledgeUpload(path) ? ApiError.fileTooLarge(maxUpload)
                : new ApiError(413, "payload_too_large", "Request bodies here are limited to " + limit + " bytes");
        byte[] body = mapper.writeValueAsBytes(error.body());
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * The request with its body behind the counting stream; the reader decodes that same stream
     * (malformed bytes become U+FFFD rather than failing the read, which platform-http would turn into
     * a failed exchange).
     */
    private final class LimitedRequest extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private final long limit;
        private LimitedInputStream body;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, HttpServletResponse response, long limit) {
            super(request);
            this.response = response;
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new LimitedInputStream(super.getInputStream(), this);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset())) {
                    // the container closes the body; a reader closed by a failed read would make every later
                    // read fail with "Stream closed" instead of the reason (platform-http reads the body twice
                    // when the first read fails)
                    @Override
                    public void close() {
                    }
                };
            }
            return reader;
        }

        private Charset charset() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException unknown) {
                throw new UnsupportedEncodingException(encoding);
            }
        }

        void exceeded() throws IOException {
            refuse((HttpServletRequest) getRequest(), response, limit);
        }
    }

    /** Counts the bytes read and never asks the container for more than one byte past the limit. */
    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final LimitedRequest request;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream in, LimitedRequest request) {
            this.in = in;
            this.request = request;
            this.limit = request.limit;
        }

        @Override
        public int read() throws IOException {
            checkWithinLimit();
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkWithinLimit();
            int n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void checkWithinLimit() throws RequestBodyTooLargeException {
            if (count > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        private void counted(int n) throws IOException {
            count += n;
            if (count > limit) {
                request.exceeded();
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
