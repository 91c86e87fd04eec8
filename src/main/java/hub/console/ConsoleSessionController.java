package hub.console;

import java.io.IOException;

import hub.api.people.ChangePasswordRequest;
import hub.api.people.ConsoleSession;
import hub.security.CallerAuthentication;
import hub.security.ConsoleSessions;
import hub.security.PersonAccounts;
import hub.web.ApiError;
import hub.web.ErrorBody;
import hub.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's own endpoints besides sign-in and sign-out (which the security chain answers):
 * {@code GET /console/session} and {@code POST /console/password}.
 */
@RestController
public record ConsoleSessionController(ConsoleSessions sessions, PersonAccounts accounts, RequestBodies bodies) {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSessionController.class);

    /** The CSRF token, and the person when signed in. */
    @GetMapping(path = "/console/session", produces = MediaType.APPLICATION_JSON_VALUE)
    public ConsoleSession session(HttpServletRequest request) {
        return sessions.describe(request);
    }

    /** The signed-in person's new password; the initial password's obligation to change it ends here. 204. */
    @PostMapping("/console/password")
    public ResponseEntity<Void> changePassword(HttpServletRequest request) throws IOException {
        ChangePasswordRequest body = bodies.read(request.getInputStream().readAllBytes(), ChangePasswordRequest.class);
        CallerAuthentication caller = (CallerAuthentication) SecurityContextHolder.getContext().getAuthentication();
        accounts.changeOwnPassword(caller.getPrincipal(), body.currentPassword(), body.newPassword(), request.getRemoteAddr(),
                request.getSession().getId());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ApiError.class)
    public ResponseEntity<ErrorBody> refused(ApiError error, HttpServletRequest request) {
        log.info("{} {} refused: {} {}", request.getMethod(), request.getRequestURI(), error.status(), error.code());
        return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error.body());
    }
}
