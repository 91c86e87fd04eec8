package hub.knowledge.store;

/**
 * An organisation's knowledge quotas for {@code GET /quota}. remaining = max - current, not clamped:
 * it is negative when an operator lowered a limit below what is already stored.
 */
public record QuotaReport(Usage documents, Usage urls, Storage storage, Usage dailyIngestions) {

    public record Usage(long current, long max, long remaining) {
    }

    /** currentMb is exact bytes / 1 MiB rounded to 2 decimals. */
    public record Storage(long currentBytes, double currentMb, long maxMb, double remainingMb) {
    }
}
