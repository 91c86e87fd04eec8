package hub.web;

import java.io.IOException;

/** Thrown by a request body's stream once more bytes arrived than its endpoint accepts; answered 413. */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("Request body over " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** A refusal, not a fault: where it was noticed says nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
