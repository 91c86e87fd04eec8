package hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The platform operator's {@code hub.admin.token}, as a bearer token or as the password of HTTP Basic with any
 * user name (what a browser sends to Hawtio). Compared in constant time; without a configured token nobody is
 * the operator.
 */
public class OperatorTokenAuthenticationProvider implements AuthenticationProvider {

    private final byte[] operatorToken;

    public OperatorTokenAuthenticationProvider(String operatorToken) {
        this.operatorToken = operatorToken == null || operatorToken.isBlank() ? null
                : operatorToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object presented = authentication.getCredentials();
        if (operatorToken != null && presented instanceof String text
                && MessageDigest.isEqual(operatorToken, text.getBytes(StandardCharsets.UTF_8))) {
            return new CallerAuthentication(Caller.platformOperator());
        }
        throw new BadCredentialsException("The credentials are invalid or revoked");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedToken.class.isAssignableFrom(authentication)
                || UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
