package hub.conversation;

/**
 * The hub's own texts in a chatbot's language: the defaults of the customer-facing texts a tenant can
 * change (fallbacks, unsupported message), the replies the agent falls back on, and the scaffolding of the
 * system prompt (knowledge context, tool instructions), the answers without an LLM. Spanish and English; any other language gets the
 * English texts (the model answers in the customer's language anyway).
 */
public record HubTexts(String fallbackError, String fallbackLimit, String unsupported, String maxIterations,
                       String incomplete, String knowledgeHeader, String knowledgeIntro, String knowledgeFooter,
                       String source, String page, String relevance, String toolsHeader, String toolsIntro,
                       String whenToUse, String offlineIntro, String offlineNoAnswer) {

    public static final HubTexts SPANISH = new HubTexts(
            "Lo siento, estoy teniendo problemas técnicos. Por favor intenta de nuevo más tarde.",
            "Lo siento, he alcanzado mi límite de uso. El administrador ha sido notificado.",
            "Lo siento, por ahora solo puedo leer mensajes de texto. ¿Podrías escribir tu consulta?",
            "Necesito más información para responder. ¿Podrías reformular tu pregunta?",
            "Tuve un problema al procesar tu solicitud.",
            "=== CONTEXTO DE LA BASE DE CONOCIMIENTO ===",
            "Usa la siguiente información para responder la pregunta del usuario. "
            + "Úsala solo si es relevante para la consulta.",
            "=== FIN DEL CONTEXTO DE LA BASE DE CONOCIMIENTO ===",
            "Fuente", "Página", "Relevancia",
            "=== HERRAMIENTAS DISPONIBLES ===",
            "Tienes acceso a las siguientes herramientas. Úsalas cuando sea apropiado:",
            "CUÁNDO USAR",
            "Esto es lo que encontré en nuestra documentación:",
            "Ahora mismo no puedo responder automáticamente a esta consulta. Un miembro del equipo te responderá pronto.");

    public static final HubTexts ENGLISH = new HubTexts(
            "Sorry, I am having technical problems. Please try again later.",
            "Sorry, I have reached my usage limit. The administrator has been notified.",
            "Sorry, for now I can only read text messages. Could you write your question?",
            "I need more time to think about this. Could you please rephrase your question?",
            "I encountered an issue processing your request.",
            "=== KNOWLEDGE BASE CONTEXT ===",
            "Use the following information to answer the user's question. "
            + "Only use this information if it's relevant to the query.",
            "=== END KNOWLEDGE BASE CONTEXT ===",
            "Source", "Page", "Relevance",
            "=== AVAILABLE TOOLS ===",
            "You have access to the following tools. Use them when appropriate:",
            "WHEN TO USE",
            "This is what I found in our documentation:",
            "I cannot answer this question automatically right now. A member of the team will answer you soon.");

    /** These texts with other customer-facing texts (fallbacks, unsupported). */
    public HubTexts withOwnTexts(String error, String limit, String unsupportedText) {
        return new HubTexts(error, limit, unsupportedText, maxIterations, incomplete, knowledgeHeader, knowledgeIntro,
                knowledgeFooter, source, page, relevance, toolsHeader, toolsIntro, whenToUse, offlineIntro, offlineNoAnswer);
    }

    /** The texts of an ISO 639-1 language code; null (unknown) = Spanish, the schema's default language. */
    public static HubTexts of(String language) {
        return language == null || language.equals("es") ? SPANISH : ENGLISH;
    }
}
