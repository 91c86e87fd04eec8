package hub.knowledge.fetch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Politeness: at most one request per interval to each host, across all threads sharing this pacer.
 * A caller reserves the next free slot of the host under a lock and then waits outside it, so concurrent
 * callers for one host are spaced one interval apart and callers for other hosts never wait.
 */
public final class HostPacer {

    /** Waits; replaced in tests so time can be observed without sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final int PRUNE_ABOVE = 1024;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Map<String, Long> nextSlot = new HashMap<>();

    /** Real time: {@link System#nanoTime()} and {@link Thread#sleep}. */
    public HostPacer(Duration interval) {
        this(interval, System::nanoTime, duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    /**
     * @param interval  minimum spacing between two requests to one host ({@code ZERO} disables pacing)
     * @param nanoClock monotonic time in nanoseconds
     * @param sleeper   how to wait
     */
    public HostPacer(Duration interval, LongSupplier nanoClock, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Blocks until a request to {@code host} may be sent, and counts that request. */
    public void acquire(String host) throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        String key = host.toLowerCase(Locale.ROOT);
        long now = nanoClock.getAsLong();
        long slot;
        synchronized (nextSlot) {
            Long next = nextSlot.get(key);
            slot = next == null || next - now < 0 ? now : next;
            nextSlot.put(key, slot + intervalNanos);
            if (nextSlot.size() > PRUNE_ABOVE) {
                nextSlot.values().removeIf(free -> free - now < 0);
            }
        }
        long wait = slot - now;
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
