package hub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Organisation API keys ({@code wah_...}) sent as bearer tokens, checked against the stored hashes: a revoked
 * or expired key, or a key of a deactivated organisation, does not authenticate. Tokens of another form are
 * left to the other providers without a database query.
 */
public record ApiKeyAuthenticationProvider(ApiKeyRepository apiKeys) implements AuthenticationProvider {

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((PresentedToken) authentication).getCredentials();
        if (token == null || !token.startsWith("wah_")) {
            return null;
        }
        return apiKeys.findActive(token).map(CallerAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("The API key is invalid or revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedToken.class.isAssignableFrom(authentication);
    }
}
