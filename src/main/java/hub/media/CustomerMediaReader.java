package hub.media;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import hub.config.HubProperties;
import hub.conversation.CustomerMedia;
import hub.conversation.InboundMessage;
import hub.conversation.MediaUse;
import hub.knowledge.extract.DocumentExtractor;
import hub.knowledge.extract.ExtractedDocument;
import hub.knowledge.extract.ExtractionException;
import hub.knowledge.extract.Section;
import hub.media.MediaException.Problem;
import hub.outbound.Deadline;
import org.springframework.stereotype.Component;

/**
 * Reads what a customer sent for the agent: downloads the media ({@link MediaDownloader}) within its type's
 * size cap, then transcribes a voice note ({@link Transcriber}), hands an image over as it is, or reads a
 * PDF/DOCX with the knowledge base's {@link DocumentExtractor} (its text cut to {@code hub.media.document-max-chars}).
 */
@Component
public record CustomerMediaReader(HubProperties hub, MediaDownloader downloader, Transcriber transcriber,
                                  DocumentExtractor extractor) {

    /**
     * @param use    {@link MediaUse#TRANSCRIBE}, {@link MediaUse#IMAGE} or {@link MediaUse#DOCUMENT}
     * @param within the time the turn has left
     */
    public CustomerMedia read(InboundMessage message, MediaUse use, String accessToken, Duration within)
            throws MediaException {
        JsonNode attachment = message.attachment();
        long maxBytes = switch (use) {
            case TRANSCRIBE -> hub.media().maxAudioSize().toBytes();
            case IMAGE -> hub.media().maxImageSize().toBytes();
            case DOCUMENT -> hub.media().maxDocumentSize().toBytes();
            default -> throw new IllegalArgumentException("Nothing is downloaded for " + use);
        };
        long started = System.nanoTime();
        Duration downloadTimeout = hub.media().downloadTimeout();
        Duration downloadTime = within.compareTo(downloadTimeout) < 0 ? within : downloadTimeout;
        MediaDownloader.Download media = downloader.download(accessToken, attachment.path("id").asText(""),
                attachment.path("mimeType").asText(""), message.raw() == null ? null
                        : message.raw().path(message.type()).path("sha256").asText(null),
                maxBytes, Deadline.in(downloadTime));
        return switch (use) {
            case TRANSCRIBE -> new CustomerMedia.Transcript(transcriber.transcribe(media.bytes(), media.mimeType(),
                    within.minusNanos(System.nanoTime() - started)));
            case IMAGE -> new CustomerMedia.Image(media.mimeType(), media.bytes());
            default -> document(attachment.path("filename").asText(null), media.bytes());
        };
    }

    private CustomerMedia.Document document(String fileName, byte[] bytes) throws MediaException {
        ExtractedDocument document;
        try {
            document = extractor.extract(bytes, fileName);
        } catch (ExtractionException e) {
            throw new MediaException(Problem.UNREADABLE_DOCUMENT, "The document could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new MediaException(Problem.UNREADABLE_DOCUMENT, "The document could not be read");
        }
        int max = hub.media().documentMaxChars();
        StringBuilder text = new StringBuilder();
        for (Section section : document.sections()) {
            if (text.length() > max) {
                break;
            }
            if (!section.text().isBlank()) {
                text.append(section.text().strip()).append("\n\n");
            }
        }
        boolean cut = text.length() > max;
        String all = text.toString().strip();
        return new CustomerMedia.Document(fileName, cut ? all.substring(0, Math.min(all.length(), max)) : all, cut);
    }
}
