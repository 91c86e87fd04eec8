package hub.tools;

/**
 * A tool server that could not answer: unreachable, an HTTP 5xx, a broken protocol. Counts against the
 * integration's circuit breaker; a tool that answered with an error of its own (bad arguments, a
 * business refusal) does not.
 */
public class ToolUnavailableException extends RuntimeException {

    public ToolUnavailableException(String message) {
        super(message);
    }

    public ToolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
