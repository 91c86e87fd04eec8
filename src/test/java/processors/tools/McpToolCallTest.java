package processors.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

/** What the LLM reads of an MCP tools/call result. */
class McpToolCallTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final McpToolCall call = new McpToolCall(null, null, mapper, TestProperties.hub(java.util.Map.of()));

    private McpSchema.CallToolResult result(String json) throws Exception {
        return mapper.readValue(json, McpSchema.CallToolResult.class);
    }

    @Test
    void structuredContentThenJsonTextThenPlainText() throws Exception {
        assertThat(call.forLlm(result("""
                {"content":[{"type":"text","text":"ignored"}],"structuredContent":{"temp":22}}"""))).isEqualTo("{\"temp\":22}");
        assertThat(call.forLlm(result("""
                {"content":[{"type":"text","text":"{\\"temp\\":21}"}]}"""))).isEqualTo("{\"temp\":21}");
        assertThat(call.forLlm(result("""
                {"content":[{"type":"text","text":"Sunny"},{"type":"image","data":"...","mimeType":"image/png"},{"type":"text","text":"22 C"}]}""")))
                .isEqualTo("{\"result\":\"Sunny\\n22 C\"}");
    }

    @Test
    void isErrorIsAToolError() throws Exception {
        assertThat(call.forLlm(result("""
                {"content":[{"type":"text","text":"City not found"}],"isError":true}""")))
                .isEqualTo("{\"error\":\"City not found\"}");
    }
}
