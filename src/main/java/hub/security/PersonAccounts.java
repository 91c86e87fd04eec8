package hub.security;

import java.util.Optional;
import java.util.UUID;

import hub.web.ApiError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The people of an organisation as accounts: created with a random initial password (shown once, stored only as
 * its hash), given a new one by an owner, changed by the person. A person whose password is reset or who is
 * deactivated is signed out everywhere; a person who changes their password stays signed in only in the
 * session that changed it.
 */
@Component
public record PersonAccounts(PeopleRepository people, PasswordEncoder passwordEncoder,
                             FindByIndexNameSessionRepository<? extends Session> sessions, FailedAuthenticationLimiter limiter,
                             PasswordResets resets) {

    /** A person just created; {@code initialPassword} is in this answer only. */
    public record Created(UUID id, String initialPassword) {
    }

    /**
     * @param mustChangePassword whether the first sign-in must choose a new password (everyone but the demo's owner)
     * @throws ApiError 409 {@code email_taken} when a user already has the address
     */
    public Created create(UUID organizationId, String email, String fullName, String role, boolean mustChangePassword) {
        String password = Passwords.initial();
        try {
            UUID id = people.create(organizationId, email, fullName, role, passwordEncoder.encode(password), mustChangePassword);
            return new Created(id, password);
        } catch (DuplicateKeyException e) {
            throw ApiError.conflict("email_taken", "A user with this e-mail address already exists");
        }
    }

    /** A new initial password for the person, who is signed out everywhere; empty when the organisation has no such user. */
    public Optional<String> resetPassword(UUID organizationId, UUID userId) {
        String password = Passwords.initial();
        if (!people.setPassword(organizationId, userId, passwordEncoder.encode(password), true)) {
            return Optional.empty();
        }
        signOutEverywhere(userId, null);
        return Optional.of(password);
    }

    /** @see PeopleRepository#update */
    public boolean update(UUID organizationId, UUID userId, String fullName, String role, Boolean active) {
        boolean updated = people.update(organizationId, userId, fullName, role, active);
        if (updated && Boolean.FALSE.equals(active)) {
            signOutEverywhere(userId, null);
        }
        return updated;
    }

    /**
     * The signed-in person's own password, checked against the current one.
     *
     * @throws ApiError 403 {@code invalid_credentials} for a wrong current password (counted against the address),
     *                  422 {@code weak_password} for a new password that breaks a rule or repeats the current one
     */
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword, String remoteAddress,
                                  String sessionId) {
        PeopleRepository.Account account = people.account(caller.userId()).filter(PeopleRepository.Account::active)
                .orElseThrow(() -> ApiError.unauthorized("Sign in again"));
        if (account.passwordHash() == null || !Passwords.checkable(currentPassword)
                || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            limiter.recordFailure(remoteAddress);
            throw new ApiError(403, "invalid_credentials", "The current password is wrong");
        }
        Passwords.check(newPassword, account.email());
        if (newPassword.equals(currentPassword)) {
            throw ApiError.unprocessable("weak_password", "The new password must differ from the current one");
        }
        people.setPassword(account.organizationId(), account.id(), passwordEncoder.encode(newPassword), false);
        signOutEverywhere(account.id(), sessionId);
    }

    /**
     * A new password chosen with the link of a {@link PasswordResets reset}: the link is used up, the person is signed
     * out everywhere and may sign in with it at once (a lock from failed sign-ins ends).
     *
     * @throws ApiError 404 {@code link_not_valid} for a link used, replaced or expired,
     *                  422 {@code weak_password} for a password that breaks a rule (the link stays good)
     */
    public void setForgottenPassword(String token, String newPassword) {
        PeopleRepository.Account account = resets.holder(token).flatMap(people::account).filter(PeopleRepository.Account::active)
                .orElseThrow(PersonAccounts::linkNotValid);
        Passwords.check(newPassword, account.email());
        if (!resets.use(token)) {
            throw linkNotValid();
        }
        people.setPassword(account.organizationId(), account.id(), passwordEncoder.encode(newPassword), false);
        people.forgetSignInFailures(account.email());
        signOutEverywhere(account.id(), null);
    }

    private static ApiError linkNotValid() {
        return new ApiError(404, "link_not_valid", "This link is not valid any more: it was used, a newer one was sent, or it expired");
    }

    private void signOutEverywhere(UUID userId, String keptSessionId) {
        sessions.findByPrincipalName(CallerAuthentication.personName(userId)).keySet().stream()
                .filter(id -> !id.equals(keptSessionId))
                .forEach(sessions::deleteById);
    }
}
