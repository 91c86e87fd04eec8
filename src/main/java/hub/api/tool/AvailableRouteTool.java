package hub.api.tool;

/** A tool written as a YAML route, which a {@code route} integration can name. */
public record AvailableRouteTool(String name, String description) {
}
