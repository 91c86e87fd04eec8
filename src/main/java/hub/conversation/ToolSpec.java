package hub.conversation;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool offered to the LLM. {@code type} is builtin, route, http or mcp; {@code parameters} is a JSON
 * schema object; {@code config} is the integration's config merged with the chatbot's override
 * (server_url, llm_instructions, ...). Never sent to the provider except name, description, parameters.
 */
public record ToolSpec(String name, String description, JsonNode parameters, String type, UUID integrationId,
                       Map<String, Object> config) {

    /** Config flag of a tool whose successful call is the turn's reply: the LLM is not called again. */
    public static final String ENDS_TURN = "ends_turn";
}
