package hub.api.organization;

import java.util.List;

/** An organisation's API keys, newest first. */
public record ApiKeyList(List<ApiKey> items) {
}
