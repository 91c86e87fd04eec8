package hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import hub.api.OptionalBody;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Create(@NotBlank @Size(max = 10) String displayName, @Max(5) Integer maxItems, Boolean enabled,
                  List<@Size(min = 1, max = 3) String> tags) {
    }

    @OptionalBody
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Patch(Optional<@Size(min = 1, max = 10) String> displayName, Optional<Integer> maxItems) {
    }

    private final RequestBodies bodies = new RequestBodies(new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()), Validation.buildDefaultValidatorFactory().getValidator());

    private static Exchange body(String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(json.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    private ApiError refusal(String json, Class<?> type) {
        try {
            bodies.read(body(json), type);
        } catch (ApiError e) {
            return e;
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void readsSnakeCaseFieldsTrimmed() {
        Create create = bodies.read(body("{\"display_name\":\"  Shop \",\"max_items\":3,\"tags\":[\"a\"]}"), Create.class);
        assertThat(create.displayName()).isEqualTo("Shop");
        assertThat(create.maxItems()).isEqualTo(3);
    }

    @Test
    void patchTellsLeftOutFromNull() {
        Patch leftOut = bodies.read(body("{\"max_items\":2}"), Patch.class);
        assertThat(leftOut.displayName()).isNull();
        assertThat(leftOut.maxItems()).contains(2);
        Patch cleared = bodies.read(body("{\"display_name\":null}"), Patch.class);
        assertThat(cleared.displayName()).isEmpty();
        assertThat(refusal("{\"display_name\":\"\"}", Patch.class).getMessage()).isEqualTo("'display_name' must not be empty");
    }

    @Test
    void everyMistakeHasItsCode() {
        assertThat(refusal("{\"displayName\":\"x\"}", Create.class).code()).isEqualTo("unknown_field");
        assertThat(refusal("{\"display_name\":\"x\",\"extra\":1}", Create.class).getMessage()).startsWith("'extra' is not a field");
        assertThat(refusal("{}", Create.class).code()).isEqualTo("missing_field");
        assertThat(refusal("{\"display_name\":\"   \"}", Create.class).code()).isEqualTo("missing_field");
        assertThat(refusal("{\"display_name\":\"x\",\"max_items\":\"3\"}", Create.class).getMessage())
                .isEqualTo("'max_items' must be a whole number");
        assertThat(refusal("{\"display_name\":\"x\",\"max_items\":2.5}", Create.class).code()).isEqualTo("invalid_field");
        assertThat(refusal("{\"display_name\":5}", Create.class).getMessage()).isEqualTo("'display_name' must be a string");
        assertThat(refusal("{\"display_name\":\"x\",\"enabled\":1}", Create.class).getMessage()).isEqualTo("'enabled' must be true or false");
        assertThat(refusal("{\"display_name\":\"x\",\"max_items\":6}", Create.class).getMessage()).isEqualTo("'max_items' must be less than or equal to 5");
        assertThat(refusal("{\"display_name\":\"x\",\"tags\":[\"abcd\"]}", Create.class).getMessage()).isEqualTo("'tags[0]' must have between 1 and 3 characters");
        assertThat(refusal("{\"display_name\":\"01234567890\"}", Create.class).getMessage()).isEqualTo("'display_name' must have at most 10 characters");
        assertThat(refusal("[1]", Create.class).code()).isEqualTo("invalid_json");
        assertThat(refusal("{\"display_name\":", Create.class).code()).isEqualTo("invalid_json");
        assertThat(refusal("{\"display_name\":\"a\"} {}", Create.class).code()).isEqualTo("invalid_json");
        assertThat(refusal("{\"display_name\":\"a\",\"display_name\":\"b\"}", Create.class).code()).isEqualTo("invalid_json");
        assertThat(refusal("", Create.class).code()).isEqualTo("invalid_json");
        assertThat(refusal("null", Create.class).getMessage()).isEqualTo("The request body must be a JSON object");
        assertThatThrownBy(() -> bodies.read(body("{\"display_name\":\"x\",\"tags\":\"a\"}"), Create.class))
                .hasMessage("'tags' must be an array");
    }

    @Test
    void whatPostgreSqlCannotStoreIsRefusedAtItsPlace() {
        assertThat(refusal("{\"display_name\":\"a\\u0000\"}", Create.class).getMessage())
                .isEqualTo("'display_name' holds a NUL character or half of a surrogate pair");
        assertThat(refusal("{\"display_name\":\"x\",\"tags\":[\"a\",\"\\udc00\"]}", Create.class).getMessage())
                .startsWith("'tags[1]' holds");
        assertThat(refusal("{\"display_name\":\"x\",\"extra\\u0000\":{\"k\":1}}", Create.class).getMessage())
                .startsWith("'extra' holds");
        assertThat(refusal("{\"display_name\":\"\\ud83d\"}", Create.class).code()).isEqualTo("invalid_field");
        // a free-form value Jackson would read as Infinity (and write back as the text "Infinity")
        assertThat(refusal("{\"display_name\":\"x\",\"extra\":{\"n\":[1e999]}}", Create.class).getMessage())
                .isEqualTo("'extra.n[0]' is a number too large");
        assertThat(bodies.read(body("{\"display_name\":\"\\ud83d\\ude00 \\\\u0000\"}"), Create.class).displayName())
                .isEqualTo("\uD83D\uDE00 \\u0000");
    }

    @Test
    void anOptionalBodyMayBeLeftOut() {
        assertThat(bodies.read(body(" "), Patch.class).displayName()).isNull();
    }
}
