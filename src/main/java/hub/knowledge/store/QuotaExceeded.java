package hub.knowledge.store;

/**
 * A knowledge quota refuses a new source (the API answers 403 with type, current, max, remaining).
 * Storage figures are MiB (current truncated, remaining = max(0, int(max - current))); the others are counts.
 */
public class QuotaExceeded extends RuntimeException {

    /** The quota that refused, in the order they are checked. */
    public enum Type { STORAGE_LIMIT_EXCEEDED, DAILY_INGESTION_LIMIT_EXCEEDED, PDF_LIMIT_EXCEEDED, URL_LIMIT_EXCEEDED }

    private final Type type;
    private final long current;
    private final long max;
    private final long remaining;

    public QuotaExceeded(Type type, long current, long max, long remaining) {
        super("Quota exceeded: " + type + " (current " + current + ", max " + max + ", remaining " + remaining + ")");
        this.type = type;
        this.current = current;
        this.max = max;
        this.remaining = remaining;
    }

    public Type type() {
        return type;
    }

    public long current() {
        return current;
    }

    public long max() {
        return max;
    }

    public long remaining() {
        return remaining;
    }
}
