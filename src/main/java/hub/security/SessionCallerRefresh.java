package hub.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session's person is judged as the users table says now, not as at sign-in: a deactivated person (or
 * organisation) is signed out at their next request, a changed role or a changed initial password counts at once.
 * Only requests that carry a session cookie and no {@code Authorization} header look the session up.
 */
public class SessionCallerRefresh extends OncePerRequestFilter {

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final PeopleRepository people;

    public SessionCallerRefresh(PeopleRepository people) {
        this.people = people;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getRequestedSessionId() != null
                && holder.getContext().getAuthentication() instanceof CallerAuthentication signedIn
                && signedIn.getPrincipal().userId() != null) {
            Caller caller = signedIn.getPrincipal();
            SecurityContext now = holder.createEmptyContext();
            people.account(caller.userId())
                    .filter(account -> account.active() && account.organizationId().equals(caller.organizationId()))
                    .ifPresent(account -> now.setAuthentication(new CallerAuthentication(
                            Caller.person(account.organizationId(), account.id(), account.role()), account.mustChangePassword())));
            holder.setContext(now);
        }
        chain.doFilter(request, response);
    }
}
