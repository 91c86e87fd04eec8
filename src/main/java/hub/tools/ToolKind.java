package hub.tools;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What runs a tool, and how an integration provides it: {@code builtin} (a tool of the hub's own),
 * {@code route} (a YAML route tool), {@code http} (a REST tool server) or {@code mcp} (an MCP server).
 * Spelled in lower case in the API, in {@code org_integrations.provider} and in {@code tool_executions.tool_type}.
 */
public enum ToolKind {
    BUILTIN("builtin"), ROUTE("route"), HTTP("http"), MCP("mcp");

    private final String value;

    ToolKind(String value) {
        this.value = value;
    }

    /** The stored and API spelling. */
    @JsonValue
    public String value() {
        return value;
    }

    /** http and mcp servers list their tools, which an integration imports. */
    public boolean importsTools() {
        return this == HTTP || this == MCP;
    }

    public static Optional<ToolKind> of(String value) {
        return Arrays.stream(values()).filter(kind -> kind.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
