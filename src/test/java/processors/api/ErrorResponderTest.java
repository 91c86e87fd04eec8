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
    }

    @Test
    void jsonTheHubCouldNotReadItselfIsNotTheClientsMistake() {
        // every request body is read by RequestBodies, which answers invalid_json itself; what reaches here is the
        // hub's own JSON, such as a stored row that no longer fits its record
        Exception stored = null;
        try {
            new ObjectMapper().convertValue(java.util.Map.of("count", "many"), Count.class);
        } catch (IllegalArgumentException e) {
            stored = e;
        }
        ApiError answer = ErrorResponder.answerFor(new RuntimeCamelException(stored));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.getMessage()).doesNotContain("count", "many");
    }

    record Count(int count) {
    }

    @Test
    void anythingElseIs503WithoutItsClassOrMessage() {
        ApiError answer = ErrorResponder.answerFor(new IllegalStateException(
                new IOException("ERROR: relation \"api_keys\" does not exist; SELECT key_hash FROM api_keys")));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.getMessage()).doesNotContain("api_keys", "SELECT", "Exception", "IOException");
    }
}
