package hub.api.contact;

/** What a tool the agent called for a reply answered. */
public record MessageToolResult(String name, String status, String result) {
}
