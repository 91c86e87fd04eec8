package processors.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.web.ApiError;
import hub.web.RequestBodyTooLargeException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

/** What a failed HTTP exchange answers: the client's mistakes as 4xx, the rest as a 503 that reveals nothing. */
class ErrorResponderTest {

    @Test
    void aRefusalKeepsItsStatusWhereverItIsWrapped() {
        assertThat(ErrorResponder.answerFor(new RuntimeCamelException(ApiError.unauthorized("Invalid signature"))).status())
                .isEqualTo(401);
    }

    @Test
    void bodiesTheClientGotWrongAreNotRetried() throws Exception {
        assertThat(ErrorResponder.answerFor(new RuntimeCamelException(new RequestBodyTooLargeException(1024))).status())
                .isEqualTo(413);
        assertThat(ErrorResponder.answerFor(new RuntimeCamelException(new MalformedInputException(1))).code())
                .isEqualTo("invalid_body");
        Exception notJson = null;
        try {
            new ObjectMapper().readTree("{\"a\":");
        } catch (IOException e) {
            notJson = e;
        }
        assertThat(ErrorResponder.answerFor(new IllegalStateException(notJson)).code()).isEqualTo("invalid_json");
    }

    @Test
    void anythingElseIs503WithoutItsClassOrMessage() {
        ApiError answer = ErrorResponder.answerFor(new IllegalStateException(
                new IOException("ERROR: relation \"api_keys\" does not exist; SELECT key_hash FROM api_keys")));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.getMessage()).doesNotContain("api_keys", "SELECT", "Exception", "IOException");
    }
}
