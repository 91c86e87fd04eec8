package hub.conversation;

import java.time.Duration;

import hub.config.HubProperties;

/**
 * What answering one customer message may spend: time until {@code deadlineNanos} (on the
 * {@link System#nanoTime()} clock) and {@code maxToolCalls} tool calls over all its LLM calls.
 */
public record TurnBudget(long deadlineNanos, Duration timeout, int maxToolCalls) {

    /** A budget of {@code timeout} counted from {@code startNanos}. */
    public static TurnBudget from(long startNanos, Duration timeout, int maxToolCalls) {
        return new TurnBudget(startNanos + timeout.toNanos(), timeout, maxToolCalls);
    }

    /** The budget the settings give a turn started at {@code startNanos}. */
    public static TurnBudget from(long startNanos, HubProperties hub) {
        return from(startNanos, hub.conversation().turnTimeout(), hub.tools().maxCallsPerTurn());
    }

    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    /** The timeout as people read it: "90 s", "2 min". */
    public String timeoutText() {
        long seconds = Math.max(1, timeout.toSeconds());
        return seconds % 60 == 0 && seconds >= 120 ? seconds / 60 + " min" : seconds + " s";
    }
}
