package hub.security;

import java.util.UUID;

/**
 * Who is calling the API: a tenant (an API key of one organisation) or the platform operator.
 * Every tenant query is scoped by {@link #organizationId()}.
 */
public record Caller(UUID organizationId, UUID apiKeyId, boolean operator) {

    public static Caller tenant(UUID organizationId, UUID apiKeyId) {
        return new Caller(organizationId, apiKeyId, false);
    }

    public static Caller platformOperator() {
        return new Caller(null, null, true);
    }
}
