package hub.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.StorableText;
import hub.config.HubProperties;
import hub.media.MediaException.Problem;
import hub.outbound.Amounts;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.springframework.stereotype.Component;

/**
 * Voice notes to text through an OpenAI-compatible {@code POST {hub.media.transcription.base-url}/audio/transcriptions}
 * (OpenAI, faster-whisper-server, whisper.cpp's server, LocalAI, gateways): multipart {@code file} and
 * {@code model}, JSON answer {@code {"text"}}. The base URL is the operator's, like the LLM's, so it may be a
 * local server. Neither the audio nor the transcript is logged.
 */
@Component
public class Transcriber {

    private final HubProperties.Transcription settings;
    private final ObjectMapper json;
    private final HttpClient http;

    public Transcriber(HubProperties hub, ObjectMapper json) {
        this.settings = hub.media().transcription();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public boolean configured() {
        return settings.configured();
    }

    /** The transcript, never blank. */
    public String transcribe(byte[] audio, String mimeType, Duration within) throws MediaException {
        if (!configured()) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "No transcription provider is configured");
        }
        Duration timeout = within.compareTo(settings.timeout()) < 0 ? within : settings.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "No time was left to transcribe the voice note");
        }
        HttpEntity form = MultipartEntityBuilder.create()
                .addBinaryBody("file", audio, ContentType.create(mimeType), "voice-note." + extension(mimeType))
                .addTextBody("model", settings.model(), ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8))
                .addTextBody("response_format", "json")
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream(audio.length + 1024);
        try {
            form.writeTo(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl().strip().replaceAll("/+$", "")
                        + "/audio/transcriptions"))
                .timeout(timeout)
                .header("Content-Type", form.getContentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey().strip());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "The transcription provider did not answer within "
                    + Amounts.seconds(timeout));
        } catch (IOException e) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "The transcription provider could not be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            // the hub is stopping: the message is released and answered after the restart
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Transcription interrupted: the hub is stopping", e);
        }
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "The transcription provider answered HTTP "
                    + response.statusCode());
        }
        String text;
        try {
            text = StorableText.of(json.readTree(response.body()).path("text").asText("")).strip();
        } catch (IOException e) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "The transcription provider answered no JSON");
        }
        if (text.isEmpty()) {
            throw new MediaException(Problem.TRANSCRIPTION_FAILED, "The transcription provider heard no words");
        }
        return text;
    }

    /** The file name extension OpenAI-compatible servers read the format from. */
    static String extension(String mimeType) {
        return switch (MediaSignature.baseType(mimeType)) {
            case "audio/mpeg", "audio/mp3" -> "mp3";
            case "audio/mp4", "audio/m4a", "audio/x-m4a" -> "m4a";
            case "audio/aac" -> "aac";
            case "audio/amr" -> "amr";
            default -> "ogg";
        };
    }
}
