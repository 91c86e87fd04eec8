package hub.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: its principal is the {@link Caller}, its one authority says whether it is the
 * platform operator ({@link #OPERATOR}) or an organisation's API key ({@link #ORGANIZATION}).
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    /** Role names as Spring Security and the actuator's {@code roles} settings spell them. */
    public static final String OPERATOR = "OPERATOR";
    public static final String ORGANIZATION = "ORGANIZATION";

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + (caller.operator() ? OPERATOR : ORGANIZATION))));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** The presented secret is not kept once the caller is known. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.operator() ? "operator" : "organization:" + caller.organizationId();
    }
}
