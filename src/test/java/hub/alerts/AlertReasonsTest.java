package hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/** The API documents every reason the hub stores, so a client (and the console's texts) can know them all. */
class AlertReasonsTest {

    @Test
    void theApiDocumentsEveryReasonAndEachBelongsToOneType() throws NoSuchFieldException {
        Schema documented = hub.api.alert.Alert.class.getDeclaredField("reason").getAnnotation(Schema.class);
        assertThat(documented.allowableValues()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Alert.Reason.values()).map(Alert.Reason::code).toList());
        assertThat(Alert.Reason.LLM_LIMIT.type()).isEqualTo(Alert.Type.LLM_FAILURE);
        assertThat(Alert.Reason.HOURLY_LIMIT.code()).isEqualTo("hourly_limit");
    }
}
