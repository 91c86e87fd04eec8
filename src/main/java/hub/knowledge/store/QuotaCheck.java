package hub.knowledge.store;

/**
 * The quota a new source counts against, as it stood before the source was accepted: the document
 * counters for pdf/doc/docx, the URL counters for url, storage in MiB for the other types (they use
 * no count quota). remaining = max - current.
 */
public record QuotaCheck(String quota, long current, long max, long remaining) {
}
