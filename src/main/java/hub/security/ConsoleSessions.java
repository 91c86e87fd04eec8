package hub.security;

import hub.api.Rows;
import hub.api.people.ConsoleSession;
import hub.api.people.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/** What the console knows of its session: the CSRF token to send with unsafe requests and the signed-in person. */
@Component
public class ConsoleSessions {

    private final PeopleRepository people;

    public ConsoleSessions(PeopleRepository people) {
        this.people = people;
    }

    /** Reading the token stores it in the session, so a browser's first call starts one. */
    public ConsoleSession describe(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        SessionUser user = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication()
                instanceof CallerAuthentication caller && caller.getPrincipal().userId() != null
                ? people.sessionUser(caller.getPrincipal().userId()).map(row -> Rows.as(row, SessionUser.class)).orElse(null)
                : null;
        return new ConsoleSession(token == null ? null : token.getToken(), user);
    }
}
