package hub.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.api.people.SignInRequest;
import hub.web.ApiError;
import hub.web.RequestBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST /console/sign-in} {@code {"email","password"}} (after the CSRF check): the person's session is
 * authenticated under a new session id and a new CSRF token, and the answer is the session as
 * {@code GET /console/session} shows it. A wrong password and an unknown address answer the same 401
 * {@code invalid_credentials}; an address locked after failures in a row ({@code hub.console.sign-in-attempts})
 * answers 423 {@code account_locked} with Retry-After, before the password is checked. Failures also count
 * against the source address ({@link FailedAuthenticationLimiter}).
 */
public class ConsoleSignIn extends OncePerRequestFilter {

    static final RequestMatcher PATH = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/console/sign-in");

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final AuthenticationManager people;
    private final SessionAuthenticationStrategy sessionStrategy;
    private final SecurityContextRepository contexts;
    private final PeopleRepository repository;
    private final ConsoleSessions sessions;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;
    private final SecurityErrors errors;
    private final Duration sessionTimeout;

    public ConsoleSignIn(AuthenticationManager people, SessionAuthenticationStrategy sessionStrategy,
                         SecurityContextRepository contexts, PeopleRepository repository, ConsoleSessions sessions,
                         RequestBodies bodies, ObjectMapper mapper, SecurityErrors errors, Duration sessionTimeout) {
        this.people = people;
        this.sessionStrategy = sessionStrategy;
        this.contexts = contexts;
        this.repository = repository;
        this.sessions = sessions;
        this.bodies = bodies;
        this.mapper = mapper;
        this.errors = errors;
        this.sessionTimeout = sessionTimeout;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        SignInRequest body;
        try {
            body = bodies.read(request.getInputStream().readAllBytes(), SignInRequest.class);
        } catch (ApiError refused) {
            errors.write(request, response, refused);
            return;
        }
        String email = body.email().toLowerCase(Locale.ROOT);
        OptionalLong locked = repository.lockedForSeconds(email);
        if (locked.isPresent()) {
            errors.accountLocked(request, response, locked.getAsLong());
            return;
        }
        Authentication authentication;
        try {
            if (!Passwords.checkable(body.password())) {
                throw new BadCredentialsException("Longer than any password");
            }
            authentication = people.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, body.password()));
        } catch (AuthenticationException e) {
            repository.signInFailed(email);
            errors.invalidCredentials(request, response);
            return;
        }
        sessionStrategy.onAuthentication(authentication, request, response);
        request.getSession().setMaxInactiveInterval((int) sessionTimeout.toSeconds());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        repository.signedIn(((CallerAuthentication) authentication).getPrincipal().userId(), email);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), sessions.describe(request));
    }
}
