package hub.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: its principal is the {@link Caller}. Its authorities say whether it is the platform
 * operator ({@link #OPERATOR}) or a caller of an organisation ({@link #ORGANIZATION}, with {@link #OWNER} for an
 * owner or an API key). A person who must change the initial password first has only {@link #PASSWORD_CHANGE}:
 * the console's own endpoints, none of the API.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    /** Role names as Spring Security and the actuator's {@code roles} settings spell them. */
    public static final String OPERATOR = "OPERATOR";
    public static final String ORGANIZATION = "ORGANIZATION";
    public static final String OWNER = "OWNER";
    public static final String PERSON = "PERSON";
    public static final String PASSWORD_CHANGE = "PASSWORD_CHANGE";

    private final Caller caller;
    private final boolean mustChangePassword;

    public CallerAuthentication(Caller caller) {
        this(caller, false);
    }

    public CallerAuthentication(Caller caller, boolean mustChangePassword) {
        super(authorities(caller, mustChangePassword));
        this.caller = caller;
        this.mustChangePassword = mustChangePassword;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Caller caller, boolean mustChangePassword) {
        List<GrantedAuthority> roles = new ArrayList<>();
        if (caller.operator()) {
            roles.add(role(OPERATOR));
            return roles;
        }
        if (caller.userId() != null) {
            roles.add(role(PERSON));
            if (mustChangePassword) {
                roles.add(role(PASSWORD_CHANGE));
                return roles;
            }
        }
        roles.add(role(ORGANIZATION));
        if (caller.owner()) {
            roles.add(role(OWNER));
        }
        return roles;
    }

    private static GrantedAuthority role(String name) {
        return new SimpleGrantedAuthority("ROLE_" + name);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** A person signed in with an initial password, who may do nothing but change it. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** The presented secret is not kept once the caller is known. */
    @Override
    public Object getCredentials() {
        return null;
    }

    /** Also the principal name Spring Session indexes a session by, so a person's sessions can be ended. */
    @Override
    public String getName() {
        return caller.operator() ? "operator"
                : caller.userId() != null ? personName(caller.userId()) : "organization:" + caller.organizationId();
    }

    static String personName(java.util.UUID userId) {
        return "user:" + userId;
    }
}
