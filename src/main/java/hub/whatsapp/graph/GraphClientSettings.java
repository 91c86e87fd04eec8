package hub.whatsapp.graph;

import java.time.Duration;

/**
 * Timeouts, retry and circuit-breaker tuning of {@link GraphApiClient}.
 *
 * @param maxAttempts           attempts per request in total (1 = no retry)
 * @param retryBaseDelay        delay before the first retry; doubles on each further retry, with jitter
 * @param retryMaxDelay         cap on one retry delay, also on a {@code Retry-After} the server asks for
 * @param connectTimeout        TCP/TLS connect timeout
 * @param requestTimeout        timeout of one send request, until the response headers arrive
 * @param markReadTimeout       timeout of the best-effort mark-as-read call
 * @param breakerWindow         number of recent calls per phone number the breaker looks at
 * @param breakerMinimumCalls   calls needed in the window before the breaker may open
 * @param breakerFailureRate    failure percentage of the window that opens the breaker
 * @param breakerOpenDuration   how long an open breaker refuses calls before letting a trial call through
 * @param outageWait            how long, from the moment a number's breaker opened, a send waits for the
 *                              Graph API to come back instead of failing at once (a short outage costs
 *                              customers a delay, not their answer); later sends fail fast
 */
public record GraphClientSettings(
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration markReadTimeout,
        int breakerWindow,
        int breakerMinimumCalls,
        float breakerFailureRate,
        Duration breakerOpenDuration,
        Duration outageWait) {

    public GraphClientSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (breakerMinimumCalls < 1 || breakerWindow < breakerMinimumCalls) {
            throw new IllegalArgumentException("need 1 <= breakerMinimumCalls <= breakerWindow");
        }
    }

    public static GraphClientSettings defaults() {
        return new GraphClientSettings(3, Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                10, 5, 50f, Duration.ofSeconds(15), Duration.ofSeconds(90));
    }

    public GraphClientSettings withRetry(int attempts, Duration baseDelay) {
        return new GraphClientSettings(attempts, baseDelay, retryMaxDelay, connectTimeout, requestTimeout,
                markReadTimeout, breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenDuration, outageWait);
    }

    public GraphClientSettings withTimeouts(Duration connect, Duration request, Duration markRead) {
        return new GraphClientSettings(maxAttempts, retryBaseDelay, retryMaxDelay, connect, request, markRead,
                breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenDuration, outageWait);
    }

    public GraphClientSettings withBreaker(int window, int minimumCalls, float failureRate, Duration openDuration) {
        return new GraphClientSettings(maxAttempts, retryBaseDelay, retryMaxDelay, connectTimeout, requestTimeout,
                markReadTimeout, window, minimumCalls, failureRate, openDuration, outageWait);
    }

    public GraphClientSettings withOutageWait(Duration wait) {
        return new GraphClientSettings(maxAttempts, retryBaseDelay, retryMaxDelay, connectTimeout, requestTimeout,
                markReadTimeout, breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenDuration, wait);
    }
}
