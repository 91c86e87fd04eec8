package hub.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.TestProperties;
import hub.conversation.Chatbot;
import hub.conversation.InboundMessage;
import hub.conversation.MediaUse;
import org.junit.jupiter.api.Test;

class MediaPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEYS = Map.of("hub.llm.openai.api-key", "sk", "hub.llm.gemini.api-key", "gm");

    private final MediaPolicy withTranscription = new MediaPolicy(TestProperties.hub(Map.of(
            "hub.llm.openai.api-key", "sk", "hub.llm.gemini.api-key", "gm",
            "hub.media.transcription.base-url", "http://whisper.local/v1")));
    private final MediaPolicy withoutTranscription = new MediaPolicy(TestProperties.hub(KEYS));

    @Test
    void voiceNotesAreTranscribedOnlyWithAProvider() {
        InboundMessage voice = message("audio", "audio/ogg; codecs=opus", null);
        assertThat(withTranscription.use(bot("gpt-4o-mini"), voice)).isEqualTo(MediaUse.TRANSCRIBE);
        assertThat(withoutTranscription.use(bot("gpt-4o-mini"), voice)).isEqualTo(MediaUse.NO_TRANSCRIBER);
    }

    @Test
    void imagesGoToVisionModelsOnlyOthersGetTheCaption() {
        InboundMessage captioned = message("image", "image/jpeg", "¿En azul?");
        for (String vision : new String[] {"gpt-4o-mini", "GPT-4.1", "gpt-5-nano", "gemini-3-flash-preview"}) {
            assertThat(withoutTranscription.use(bot(vision), captioned)).as(vision).isEqualTo(MediaUse.IMAGE);
        }
        assertThat(withoutTranscription.use(bot("gpt-3.5-turbo"), captioned)).isEqualTo(MediaUse.CAPTION);
        assertThat(withoutTranscription.use(bot("gpt-3.5-turbo"), message("image", "image/jpeg", null)))
                .isEqualTo(MediaUse.UNSUPPORTED);
        // no key for the provider: the offline agent answers, and it sees no images
        assertThat(new MediaPolicy(TestProperties.hub(Map.of())).use(bot("gpt-4o"), captioned)).isEqualTo(MediaUse.CAPTION);
    }

    @Test
    void pdfAndDocxAreReadOtherMediaIsAnsweredFromItsCaption() {
        assertThat(withoutTranscription.use(bot("gpt-4o"), message("document", "application/pdf", null)))
                .isEqualTo(MediaUse.DOCUMENT);
        assertThat(withoutTranscription.use(bot("gpt-4o"), message("document", MediaPolicy.DOCX, "mira")))
                .isEqualTo(MediaUse.DOCUMENT);
        assertThat(withoutTranscription.use(bot("gpt-4o"), message("document", "application/zip", "mira")))
                .isEqualTo(MediaUse.CAPTION);
        assertThat(withoutTranscription.use(bot("gpt-4o"), message("video", "video/mp4", null))).isEqualTo(MediaUse.UNSUPPORTED);
        assertThat(withoutTranscription.use(bot("gpt-4o"), message("video", "video/mp4", "¿y esto?"))).isEqualTo(MediaUse.CAPTION);
        assertThat(withoutTranscription.use(bot("gpt-4o"), new InboundMessage("w", "1", "52", null, null, 1L, "text",
                "hola", null, null))).isEqualTo(MediaUse.NONE);
    }

    private static InboundMessage message(String type, String mimeType, String caption) {
        JsonNode attachment = JSON.createObjectNode().put("kind", type).put("id", "123").put("mimeType", mimeType);
        return new InboundMessage("wamid.1", "1", "5215512345678", null, "Ana", 1L, type, caption, attachment, null);
    }

    private static Chatbot bot(String model) {
        return new Chatbot(UUID.randomUUID(), UUID.randomUUID(), "Bot", "1", "t", model, "", "", 0.5, false,
                "error", "limit", "unsupported", "free", "please write", "es");
    }
}
