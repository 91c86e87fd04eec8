package hub.api.tool;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import hub.api.OptionalBody;
import io.swagger.v3.oas.annotations.media.Schema;

/** The arguments of a tool call, as the LLM would send them. Data: the keys are the tool's parameters. */
@Schema(description = "The arguments of a tool call, as the LLM would send them; the keys are the tool's parameters",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
@OptionalBody
public final class ToolArguments {

    private final Map<String, Object> values = new LinkedHashMap<>();

    @JsonAnySetter
    void put(String name, Object value) {
        values.put(name, value);
    }

    @JsonAnyGetter
    public Map<String, Object> values() {
        return values;
    }
}
