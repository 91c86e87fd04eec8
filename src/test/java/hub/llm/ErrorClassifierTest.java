package hub.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import org.junit.jupiter.api.Test;

/** S2.17 without D-17: limit errors are 429s, quota, rate limit and resource exhausted, nothing else. */
class ErrorClassifierTest {

    @Test
    void providerLimitsAreRecognised() {
        assertThat(ErrorClassifier.isLimit(new RuntimeException("429 Quota exceeded"))).isTrue();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("Rate limit reached for gpt-4o"))).isTrue();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("RESOURCE_EXHAUSTED"))).isTrue();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("Resource has been exhausted"))).isTrue();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("resource exhausted"))).isTrue();
        assertThat(ErrorClassifier.isLimit(new RateLimitException("slow down"))).isTrue();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("wrapped", new HttpException(429, "{}")))).isTrue();
    }

    @Test
    void otherErrorsAreNotLimits() {
        assertThat(ErrorClassifier.isLimit(new RuntimeException("Failed to generate a response"))).isFalse();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("moderate content; separate request"))).isFalse();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("API Error"))).isFalse();
        assertThat(ErrorClassifier.isLimit(new HttpException(500, "server error"))).isFalse();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("request id 14290"))).isFalse();
        assertThat(ErrorClassifier.isLimit(new RuntimeException("connection pool exhausted"))).isFalse();
    }

    @Test
    void describedErrorsNameTheHttpStatus() {
        assertThat(ErrorClassifier.describe(new HttpException(500, "boom"))).isEqualTo("HTTP 500: boom");
        assertThat(ErrorClassifier.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
