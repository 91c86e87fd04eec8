package hub.security;

import java.util.Map;

import hub.web.ApiError;

/** 429 {@code too_many_requests}, with {@code Retry-After}: the seconds until the caller may try again. */
public class TooManyRequests extends ApiError {

    private final long retryAfterSeconds;

    public TooManyRequests(String message, long retryAfterSeconds) {
        super(429, "too_many_requests", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
