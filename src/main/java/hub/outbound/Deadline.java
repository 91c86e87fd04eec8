package hub.outbound;

import java.time.Duration;

/** The moment by which a whole outbound exchange (one or several requests, bodies included) must be over. */
public final class Deadline {

    private final Duration budget;
    private final long endNanos;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** From now, {@code budget} long. */
    public static Deadline in(Duration budget) {
        return new Deadline(budget);
    }

    /** The time it was given, for messages ("did not answer within 30 s"). */
    public Duration budget() {
        return budget;
    }

    /** Time left; zero once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }
}
