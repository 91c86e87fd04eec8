package hub.api.tool;

import java.util.List;

/** The organisation's integrations, by name. */
public record IntegrationList(List<Integration> items) {
}
