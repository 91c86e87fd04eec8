package hub.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import hub.conversation.ToolSpec;
import org.junit.jupiter.api.Test;

/** JSON schema of a tool → the langchain4j schema offered to the provider. */
class ToolSchemasTest {

    @Test
    void everySupportedTypeIsConverted() {
        JsonObjectSchema schema = ToolSchemas.objectSchema(LlmFixtures.json("""
                {"type":"object","description":"lead","properties":{
                  "name":{"type":"string","description":"full name"},
                  "age":{"type":"integer"},
                  "budget":{"type":"number"},
                  "vip":{"type":"boolean"},
                  "tier":{"enum":["basic","pro"]},
                  "phone":{"type":["string","null"]},
                  "tags":{"type":"array","items":{"type":"string"}},
                  "address":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 "required":["name","age"],"additionalProperties":false}"""));

        assertThat(schema.description()).isEqualTo("lead");
        assertThat(schema.required()).containsExactly("name", "age");
        assertThat(schema.additionalProperties()).isFalse();
        assertThat(schema.properties().get("name")).isInstanceOf(JsonStringSchema.class)
                .satisfies(s -> assertThat(((JsonStringSchema) s).description()).isEqualTo("full name"));
        assertThat(schema.properties().get("age")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(schema.properties().get("budget")).isInstanceOf(JsonNumberSchema.class);
        assertThat(schema.properties().get("vip")).isInstanceOf(JsonBooleanSchema.class);
        assertThat(((JsonEnumSchema) schema.properties().get("tier")).enumValues()).containsExactly("basic", "pro");
        assertThat(schema.properties().get("phone")).isInstanceOf(JsonStringSchema.class);
        assertThat(((JsonArraySchema) schema.properties().get("tags")).items()).isInstanceOf(JsonStringSchema.class);
        assertThat(((JsonObjectSchema) schema.properties().get("address")).required()).containsExactly("city");
    }

    @Test
    void functionNamesAreWhatProvidersAccept() {
        assertThat(ToolSchemas.functionName("search_knowledge_base")).isEqualTo("search_knowledge_base");
        assertThat(ToolSchemas.functionName("Lead Capture (CRM)")).isEqualTo("Lead_Capture__CRM_");
        assertThat(ToolSchemas.functionName("x".repeat(80))).hasSize(64);
    }

    @Test
    void missingParametersBecomeAnEmptyObjectAndConfigIsNeverOffered() {
        ToolSpec tool = new ToolSpec("notify_owner", null, null, "http", null,
                java.util.Map.of("description", "Avisa al dueño", "server_url", "http://secret"));

        List<ToolSpecification> specs = ToolSchemas.specifications(List.of(tool));

        assertThat(specs).singleElement().satisfies(spec -> {
            assertThat(spec.name()).isEqualTo("notify_owner");
            assertThat(spec.description()).isEqualTo("Avisa al dueño");
            assertThat(spec.parameters().properties()).isEmpty();
            assertThat(spec.metadata()).isEmpty();
        });
    }
}
