package hub.api.knowledge;

/** A counted quota: used, allowed, and what remains. */
public record KnowledgeQuotaUsage(long current, long max, long remaining) {
}
