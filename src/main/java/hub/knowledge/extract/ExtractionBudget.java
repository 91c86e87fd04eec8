package hub.knowledge.extract;

import java.text.NumberFormat;
import java.util.Locale;

import hub.knowledge.extract.ExtractionException.Reason;

/** Counts the text one extraction produced and the time it took, and stops it at the limits. */
final class ExtractionBudget {

    private final long maxCharacters;
    private final long maxNanos;
    private final long startNanos = System.nanoTime();
    private long characters;

    ExtractionBudget(ExtractionLimits limits) {
        this.maxCharacters = limits.maxCharacters();
        this.maxNanos = limits.maxDuration().toNanos();
    }

    void addText(long count) {
        characters += count;
        if (characters > maxCharacters) {
            throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE, "The document has more than "
                    + NumberFormat.getIntegerInstance(Locale.ROOT).format(maxCharacters)
                    + " characters of text; split it into smaller files.");
        }
    }

    void checkTime() {
        if (System.nanoTime() - startNanos > maxNanos) {
            throw new ExtractionException(Reason.DOCUMENT_TOO_LARGE,
                    "Reading the document took longer than " + (maxNanos / 1_000_000_000L)
                    + " seconds; it is too large or too complex. Split it into smaller files.");
        }
    }
}
