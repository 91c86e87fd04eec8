package hub.console;

import java.io.IOException;

import hub.api.organization.ConfirmEmailRequest;
import hub.api.organization.EmailConfirmed;
import hub.api.people.ChangePasswordRequest;
import hub.api.people.ConsoleSession;
import hub.api.people.ForgotPasswordRequest;
import hub.api.people.ResetPasswordRequest;
import hub.security.CallerAuthentication;
import hub.security.ConsoleSessions;
import hub.security.PasswordResets;
import hub.security.PersonAccounts;
import hub.tools.EmailConfirmations;
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
 * {@code GET /console/session}, {@code POST /console/password}, the forgotten password's
 * {@code POST /console/password-reset[/complete]} and {@code POST /console/email-confirmation}.
 */
@RestController
public record ConsoleSessionController(ConsoleSessions sessions, PersonAccounts accounts, RequestBodies bodies,
                                       EmailConfirmations confirmations, PasswordResets resets) {

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

    /**
     * "I forgot my password": a link to choose a new one goes to the address if a person signs in with it. 202 whether
     * or not one does; 409 {@code email_not_available} on a hub without a mail server.
     */
    @PostMapping("/console/password-reset")
    public ResponseEntity<Void> forgotPassword(HttpServletRequest request) throws IOException {
        ForgotPasswordRequest body = bodies.read(request.getInputStream().readAllBytes(), ForgotPasswordRequest.class);
        if (!resets.available()) {
            throw ApiError.conflict("email_not_available", "This hub sends no e-mail: ask an owner of your organisation to reset "
                    + "your password");
        }
        resets.request(body.email(), body.language());
        return ResponseEntity.accepted().build();
    }

    /** The new password, with the secret of the e-mailed link; 204, then the person signs in with it. */
    @PostMapping("/console/password-reset/complete")
    public ResponseEntity<Void> resetPassword(HttpServletRequest request) throws IOException {
        ResetPasswordRequest body = bodies.read(request.getInputStream().readAllBytes(), ResetPasswordRequest.class);
        accounts.setForgottenPassword(body.token(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    /**
     * The secret of a link the hub e-mailed to confirm an address for an organisation's notices; open to anyone who
     * holds the link, signed in or not. 200 with the organisation and the address; 404 for a link used, replaced or
     * older than 7 days.
     */
    @PostMapping(path = "/console/email-confirmation", produces = MediaType.APPLICATION_JSON_VALUE)
    public EmailConfirmed confirmEmail(HttpServletRequest request) throws IOException {
        ConfirmEmailRequest body = bodies.read(request.getInputStream().readAllBytes(), ConfirmEmailRequest.class);
        EmailConfirmations.Confirmed confirmed = confirmations.confirm(body.token()).orElseThrow(() -> new ApiError(404,
                "link_not_valid", "This link is not valid any more: it was used, a newer one was sent, or it is older than 7 days"));
        log.info("{} confirmed for the notices of {}", confirmed.email(), confirmed.organization());
        return new EmailConfirmed(confirmed.organization(), confirmed.email());
    }

    @ExceptionHandler(ApiError.class)
    public ResponseEntity<ErrorBody> refused(ApiError error, HttpServletRequest request) {
        log.info("{} {} refused: {} {}", request.getMethod(), request.getRequestURI(), error.status(), error.code());
        return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error.body());
    }
}
