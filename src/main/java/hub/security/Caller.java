package hub.security;

import java.io.Serializable;
import java.util.UUID;

/**
 * Who is calling the API: a tenant (an API key of one organisation, or a person of the organisation signed in
 * to the console) or the platform operator. Every tenant query is scoped by {@link #organizationId()}.
 * A person has a {@link #userId()} and a {@link #role()} ({@link #OWNER} or {@link #AGENT}); an API key
 * counts as an owner. Kept in the console's session, hence serializable.
 */
public record Caller(UUID organizationId, UUID apiKeyId, boolean operator, UUID userId, String role) implements Serializable {

    public static final String OWNER = "owner";
    public static final String AGENT = "agent";

    public static Caller tenant(UUID organizationId, UUID apiKeyId) {
        return new Caller(organizationId, apiKeyId, false, null, OWNER);
    }

    public static Caller person(UUID organizationId, UUID userId, String role) {
        return new Caller(organizationId, null, false, userId, role);
    }

    public static Caller platformOperator() {
        return new Caller(null, null, true, null, null);
    }

    public boolean owner() {
        return OWNER.equals(role);
    }
}
