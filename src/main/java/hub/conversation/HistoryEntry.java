package hub.conversation;

/** One earlier message of the conversation, oldest first; role is user, assistant, agent, system or tool. */
public record HistoryEntry(String role, String content) {
}
