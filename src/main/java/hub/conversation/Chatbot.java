package hub.conversation;

import java.util.UUID;

/** A chatbot as the conversation pipeline sees it, with its organisation's plan. */
public record Chatbot(
        UUID id,
        UUID organizationId,
        String name,
        String phoneNumberId,
        String accessToken,
        String modelName,
        String systemPrompt,
        String persona,
        double temperature,
        boolean ragEnabled,
        String fallbackMessageError,
        String fallbackMessageLimit,
        String unsupportedMessage,
        String planTier,
        String pleaseWriteMessage,
        /* ISO 639-1 code: the language of the hub's own texts for this chatbot */
        String language) {

    public HubTexts texts() {
        return HubTexts.of(language);
    }
}
