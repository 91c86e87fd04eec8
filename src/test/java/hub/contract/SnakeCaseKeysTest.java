package hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.junit.jupiter.api.Test;

class SnakeCaseKeysTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Schema<?> arguments = new ObjectSchema().additionalProperties(true);
    private final Schema<?> step = new ObjectSchema().addProperty("tool_name", new StringSchema()).addProperty("arguments", arguments);
    private final OpenAPI api = new OpenAPI().components(new Components().addSchemas("Step", step));
    private final SnakeCaseKeys keys = new SnakeCaseKeys(api);

    @Test
    void keysAtAnyDepthAreSnakeCaseExceptThoseOfFreeFormMaps() throws Exception {
        Schema<?> steps = new ObjectSchema().addProperty("items", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/Step")));

        assertThat(keys.offendingKeys(MAPPER.readTree("""
                {"items":[{"tool_name":"t","arguments":{"orderId":1,"Any Key":{"innerKey":2}}},
                          {"toolName":"t","extraKey":{"innerKey":1}}]}"""), steps))
                .containsExactly("/items/1/toolName", "/items/1/extraKey", "/items/1/extraKey/innerKey");
    }

    @Test
    void undocumentedValuesAreWalkedStrictly() throws Exception {
        assertThat(keys.offendingKeys(MAPPER.readTree("{\"ok_key\":[{\"badKey\":1}],\"Bad\":2}"), null))
                .containsExactly("/ok_key/0/badKey", "/Bad");
    }

    @Test
    void declaredPropertiesAreCheckedThroughReferences() {
        Schema<?> wrapper = new ObjectSchema().addProperty("step", new Schema<>().$ref("#/components/schemas/Step"))
                .addProperty("nextBefore", new StringSchema());
        step.addProperty("chunkCount", new StringSchema());

        assertThat(keys.offendingProperties(wrapper, "Wrapper")).containsExactly("Step.chunkCount", "Wrapper.nextBefore");
    }

    @Test
    void snakeCaseIsLowerCaseWordsJoinedByUnderscores() {
        assertThat(SnakeCaseKeys.isSnakeCase("has_access_token")).isTrue();
        assertThat(SnakeCaseKeys.isSnakeCase("v2_id")).isTrue();
        assertThat(SnakeCaseKeys.isSnakeCase("sourceId")).isFalse();
        assertThat(SnakeCaseKeys.isSnakeCase("_id")).isFalse();
        assertThat(SnakeCaseKeys.isSnakeCase("Id")).isFalse();
    }
}
