package hub.outbound;

import java.io.IOException;

/**
 * An outbound call that did not produce an answer: the URL or its addresses are refused, the server could
 * not be reached, the deadline passed, or the answer was larger than allowed. The message names the host
 * and what happened, never request headers or bodies.
 */
public class OutboundException extends IOException {

    public enum Kind {
        /** Not an absolute http(s) URL, or one with user info. */
        INVALID_URL,
        /** The host is internal or resolves to an address the guard refuses. */
        NOT_ALLOWED,
        /** Unknown host, refused connection, failed TLS handshake. */
        UNREACHABLE,
        /** The exchange (connection, headers and body) did not finish before its deadline. */
        TIMEOUT,
        /** The answer was larger than the byte limit. */
        TOO_LARGE,
        /** The connection failed during the exchange. */
        FAILED
    }

    private final Kind kind;

    public OutboundException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OutboundException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTimeout() {
        return kind == Kind.TIMEOUT;
    }
}
