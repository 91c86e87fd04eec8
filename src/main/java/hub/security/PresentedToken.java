package hub.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A bearer token as the request sent it, not yet checked. Its text never appears in {@link #toString()}. */
public final class PresentedToken extends AbstractAuthenticationToken {

    private final String token;

    public PresentedToken(String token) {
        super(List.of());
        this.token = token;
    }

    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return "bearer";
    }

    @Override
    public String toString() {
        return "PresentedToken";
    }
}
