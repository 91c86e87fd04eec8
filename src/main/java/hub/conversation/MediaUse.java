package hub.conversation;

/** How the agent uses what a message carries, decided by the message type, the chatbot's model and the configuration. */
public enum MediaUse {
    /** No media: the text is answered. */
    NONE,
    /** A voice note, transcribed and answered like text. */
    TRANSCRIBE,
    /** A voice note with no transcription provider configured: the chatbot's please-write text. */
    NO_TRANSCRIBER,
    /** An image for a model that accepts images, with its caption. */
    IMAGE,
    /** A PDF or DOCX whose text is given to the agent for the turn, with its caption. */
    DOCUMENT,
    /** Media the agent cannot see (video, an image for a text-only model, another document type): the caption alone. */
    CAPTION,
    /** Media without a caption that the agent cannot see: the chatbot's unsupported text. */
    UNSUPPORTED;

    /** True when the media is downloaded for this use. */
    public boolean downloads() {
        return this == TRANSCRIBE || this == IMAGE || this == DOCUMENT;
    }
}
