package hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The body limit by path, counted on the bytes as they are read, without asking the container for more. */
class RequestBodyLimitTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final RequestBodyLimit filter = new RequestBodyLimit(mapper, TestProperties.hub(Map.of(
            "hub.webhook.max-body-size", "1KB", "hub.api.max-body-size", "2KB", "hub.ingest.max-upload-size", "4KB")));

    @Test
    void theLimitFollowsTheNormalisedPathAndAnythingElseGetsTheSmallest() {
        assertThat(filter.limitFor("/webhook")).isEqualTo(1024);
        assertThat(filter.limitFor("/api/chatbots/1/knowledge/upload")).isGreaterThan(4096);
        assertThat(filter.limitFor("/api/contacts/1/messages")).isEqualTo(2048);
        assertThat(filter.limitFor("/actuator/jolokia")).isEqualTo(1024);
        assertThat(filter.limitFor("/WEBHOOK")).isEqualTo(1024);
        assertThat(filter.limitFor("/")).isEqualTo(1024);
    }

    @Test
    void aChunkedBodyOverTheLimitIsAnswered413AfterOneByteMoreThanTheLimit() throws Exception {
        CountingBody body = new CountingBody(new byte[1_000_000]);
        MockHttpServletRequest request = chunked("/webhook/", body);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) ->
                assertThatThrownBy(() -> req.getInputStream().readAllBytes()).isInstanceOf(RequestBodyTooLargeException.class));

        assertThat(body.consumed).isEqualTo(1025);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        assertThat(response.isCommitted()).isTrue();
        assertThat(mapper.readTree(response.getContentAsByteArray()).at("/error/code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void anUploadOverTheLimitIsToldTheFileLimitWhetherItsLengthIsDeclaredOrNot() throws Exception {
        String upload = "/api/chatbots/1/knowledge/upload";
        MockHttpServletResponse chunked = new MockHttpServletResponse();
        filter.doFilter(chunked(upload, new CountingBody(new byte[1_000_000])), chunked, (req, res) ->
                assertThatThrownBy(() -> req.getInputStream().readAllBytes()).isInstanceOf(RequestBodyTooLargeException.class));
        MockHttpServletRequest declared = new MockHttpServletRequest("POST", upload);
        declared.setServletPath(upload);
        declared.setContent(new byte[1_000_000]);
        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(declared, refused, (req, res) -> {
            throw new AssertionError("the chain must not run");
        });

        for (MockHttpServletResponse response : List.of(chunked, refused)) {
            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(mapper.readTree(response.getContentAsByteArray()).at("/error/message").asText())
                    .isEqualTo("Files are limited to 4 KiB");
        }
    }

    @Test
    void theReaderCountsTooAndKeepsFailingWithTheReason() throws Exception {
        MockHttpServletRequest request = chunked("/api/contacts/1/messages", new CountingBody(new byte[3000]));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {
            var reader = ((HttpServletRequest) req).getReader();
            assertThatThrownBy(() -> reader.transferTo(java.io.Writer.nullWriter())).isInstanceOf(RequestBodyTooLargeException.class);
            reader.close();
            assertThatThrownBy(reader::read).isInstanceOf(RequestBodyTooLargeException.class);
        });

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void aBodyWithinTheLimitIsReadWholeAndMalformedTextIsReplacedNotFailed() throws Exception {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        MockHttpServletRequest request = chunked("/api/contacts/1/messages", new CountingBody(bytes));
        request.setCharacterEncoding("UTF-8");
        AtomicReference<String> read = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> read.set(((HttpServletRequest) req).getReader().readLine()));

        assertThat(read.get()).isEqualTo("{\"a\":\"\uFFFD\"}");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/x");
        request.setServletPath("/api/x");
        request.setContent(new byte[4096]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain chain = (req, res) -> {
            throw new AssertionError("the chain must not run");
        };

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
    }

    private static MockHttpServletRequest chunked(String path, CountingBody body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public ServletInputStream getInputStream() {
                return body;
            }
        };
        request.setServletPath(path);
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }

    /** A body that counts how many bytes were taken from it. */
    private static final class CountingBody extends ServletInputStream {

        private final InputStream in;
        long consumed;

        CountingBody(byte[] bytes) {
            this.in = new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length));
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            consumed += Math.max(n, 0);
            return n;
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }
}
