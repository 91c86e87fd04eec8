package hub.conversation;

/** A retrieved knowledge-base chunk; page may be null. */
public record KnowledgePassage(String content, String sourceName, Integer page, double similarity) {
}
