package hub.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The contact writing to a chatbot: who the agent is talking to and what it knows about them. */
public record Customer(UUID contactId, String phone, String name, Map<String, Object> variables, List<String> tags) {
}
