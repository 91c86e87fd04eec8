package hub.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import hub.web.ApiError;

/**
 * What a console password must be: at least {@link #MIN_LENGTH} characters, not the e-mail address, and at most
 * {@link #MAX_BYTES} bytes (bcrypt reads no further). Initial passwords are random and must be changed.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;
    private static final int INITIAL_LENGTH = 16;

    private Passwords() {
    }

    /** @throws ApiError 422 {@code weak_password} naming the rule the password breaks */
    public static void check(String password, String email) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw weak("A password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw weak("A password may have at most " + MAX_BYTES + " bytes");
        }
        if (email != null && password.strip().toLowerCase(Locale.ROOT).equals(email.strip().toLowerCase(Locale.ROOT))) {
            throw weak("The password must not be the e-mail address");
        }
    }

    /** Whether the password can be checked at all (bcrypt refuses longer ones). */
    static boolean checkable(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    public static String initial() {
        return ApiKeys.random(INITIAL_LENGTH);
    }

    private static ApiError weak(String message) {
        return ApiError.unprocessable("weak_password", message);
    }
}
