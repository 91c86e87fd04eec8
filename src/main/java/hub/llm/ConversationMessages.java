package hub.llm;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import hub.conversation.CustomerMedia;
import hub.conversation.HistoryEntry;

/**
 * The first request's messages: the system prompt, the stored history, the new user message (with the customer's
 * image as image content when there is one: an image_url data URI for OpenAI, inline data for Gemini). langchain4j
 * sends the system message to Gemini as its systemInstruction and assistant turns as role "model".
 */
final class ConversationMessages {

    private ConversationMessages() {
    }

    static List<ChatMessage> of(Provider provider, String systemPrompt, List<HistoryEntry> history, String userMessage,
                                CustomerMedia.Image image) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(systemPrompt));
        for (HistoryEntry entry : history == null ? List.<HistoryEntry>of() : history) {
            if (entry.content() == null || entry.content().isBlank()) {
                continue;
            }
            String role = entry.role() == null ? "" : entry.role().toLowerCase(Locale.ROOT);
            if (role.equals("user")) {
                messages.add(UserMessage.from(entry.content()));
            } else if (role.equals("assistant") || role.equals("agent") || provider == Provider.GEMINI) {
                // OpenAI gets no stray system/tool rows: a tool message needs the tool_call_id of its call.
                messages.add(AiMessage.from(entry.content()));
            }
        }
        // langchain4j rejects blank text; a blank message (caption-less media) still deserves an answer
        String text = userMessage == null || userMessage.isBlank() ? "..." : userMessage;
        messages.add(image == null ? UserMessage.from(text) : UserMessage.from(TextContent.from(text),
                ImageContent.from(Base64.getEncoder().encodeToString(image.bytes()), image.mimeType(),
                        ImageContent.DetailLevel.AUTO)));
        return messages;
    }
}
