package hub.media;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.InboundMessage;
import hub.conversation.MediaUse;
import hub.llm.Provider;
import hub.llm.ProviderSelector;
import org.springframework.stereotype.Component;

/**
 * How a message's media is used: voice notes are transcribed when a transcription provider is configured;
 * images go to models matching {@code hub.media.vision-models}; PDF and DOCX documents are read; anything
 * else (video, stickers, images for text-only models, other documents) is answered from its caption, or
 * with the unsupported text when it has none. Decided before anything is downloaded.
 */
@Component
public class MediaPolicy {

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final HubProperties.Media media;
    private final ProviderSelector providers;
    private final List<Pattern> visionModels;

    public MediaPolicy(HubProperties hub) {
        this.media = hub.media();
        this.providers = new ProviderSelector(hub.llm());
        this.visionModels = media.visionModels().stream().map(MediaPolicy::glob).toList();
    }

    public MediaUse use(Chatbot bot, InboundMessage message) {
        JsonNode attachment = message.attachment();
        if (attachment == null || !attachment.isObject() || attachment.path("id").asText("").isBlank()) {
            return MediaUse.NONE;
        }
        String type = message.type() == null ? "" : message.type();
        if (type.equals("audio")) {
            return media.transcription().configured() ? MediaUse.TRANSCRIBE : MediaUse.NO_TRANSCRIBER;
        }
        if (type.equals("image") && acceptsImages(bot)) {
            return MediaUse.IMAGE;
        }
        if (type.equals("document") && readableDocument(attachment)) {
            return MediaUse.DOCUMENT;
        }
        return message.text() == null || message.text().isBlank() ? MediaUse.UNSUPPORTED : MediaUse.CAPTION;
    }

    /** True when the chatbot's model, as the hub would call it now, is sent images. */
    public boolean acceptsImages(Chatbot bot) {
        Provider provider = providers.select(bot.modelName());
        if (provider == Provider.OFFLINE) {
            return false;
        }
        String model = bot.modelName() == null || bot.modelName().isBlank() ? provider.defaultModel() : bot.modelName().strip();
        return visionModels.stream().anyMatch(p -> p.matcher(model.toLowerCase(Locale.ROOT)).matches());
    }

    static boolean readableDocument(JsonNode attachment) {
        String mime = MediaSignature.baseType(attachment.path("mimeType").asText(""));
        return mime.equals(PDF) || mime.equals(DOCX);
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
