package hub.security;

import java.time.Duration;

import hub.api.Rows;
import hub.api.people.ConsoleSession;
import hub.api.people.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/** What the console knows of its session: the CSRF token to send with unsafe requests and the signed-in person. */
@Component
public record ConsoleSessions(PeopleRepository people) {

    /** How long a session nobody has signed in with is kept without a request (a sign-in gives it the full timeout). */
    static final Duration SIGNED_OUT_TIMEOUT = Duration.ofMinutes(30);

    /**
     * Reading the token stores it in the session, so a browser's first call starts one; until someone signs in
     * with it, it ends after {@link #SIGNED_OUT_TIMEOUT} without a request.
     */
    public ConsoleSession describe(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        SessionUser user = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication()
                instanceof CallerAuthentication caller && caller.getPrincipal().userId() != null
                ? people.sessionUser(caller.getPrincipal().userId()).map(row -> Rows.as(row, SessionUser.class)).orElse(null)
                : null;
        String csrfToken = token == null ? null : token.getToken();
        HttpSession session = request.getSession(false);
        if (user == null && session != null && session.isNew()) {
            session.setMaxInactiveInterval((int) SIGNED_OUT_TIMEOUT.toSeconds());
        }
        return new ConsoleSession(csrfToken, user);
    }
}
