package hub.api.chatbot;

import java.util.List;

/** The organisation's chatbots, oldest first. */
public record ChatbotList(List<Chatbot> items) {
}
