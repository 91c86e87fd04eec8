package hub.media;

import java.net.InetAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.config.HubProperties;
import hub.media.MediaException.Problem;
import hub.outbound.AddressGuard;
import hub.outbound.Amounts;
import hub.outbound.Deadline;
import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.whatsapp.graph.GraphApiClient;
import org.springframework.stereotype.Component;

/**
 * Downloads a customer's media from the Graph API: {@code GET /{version}/{media-id}} with the chatbot's token
 * answers the media's URL, which is then fetched with the same token. Both requests go through a
 * {@link GuardedHttpClient} (public addresses only, except the configured Graph API host, unless
 * {@code hub.media.allow-private-networks}), within the given deadline and the type's size cap; the bytes must
 * match the declared MIME type and the SHA-256 Meta sent. Nothing about the media (content, URL) is logged.
 */
@Component
public class MediaDownloader implements AutoCloseable {

    private static final long LOOKUP_MAX_BYTES = 64 * 1024;
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** The bytes and their (checked) MIME type, without parameters. */
    public record Download(String mimeType, byte[] bytes) {

        @Override
        public String toString() {
            return "Download[" + mimeType + ", " + bytes.length + " bytes]";
        }
    }

    private final ObjectMapper json;
    private final boolean sandbox;
    private final String apiRoot;
    private final GuardedHttpClient client;

    public MediaDownloader(HubProperties hub, ObjectMapper json) {
        this.json = json;
        String base = hub.whatsapp().graphBaseUrl() == null || hub.whatsapp().graphBaseUrl().isBlank()
                ? "https://graph.facebook.com" : hub.whatsapp().graphBaseUrl().strip();
        this.sandbox = GraphApiClient.SANDBOX.equalsIgnoreCase(base);
        this.apiRoot = base.replaceAll("/+$", "") + "/" + hub.whatsapp().graphVersion().strip().replaceAll("^/+|/+$", "");
        String graphHost = sandbox ? null : URI.create(apiRoot).getHost();
        this.client = new GuardedHttpClient(GuardedHttpClient.Settings.withConnectTimeout(Duration.ofSeconds(5)),
                graphHostOr(graphHost == null ? null : graphHost.toLowerCase(Locale.ROOT),
                        AddressGuard.forPrivateNetworks(hub.media().allowPrivateNetworks())));
    }

    /**
     * @param declaredMimeType the type the webhook declared (Meta's lookup answer is used when it is empty)
     * @param sha256           the hash the webhook carried (hex or base64), or null
     */
    public Download download(String accessToken, String mediaId, String declaredMimeType, String sha256, long maxBytes,
                             Deadline deadline) throws MediaException {
        if (sandbox) {
            throw new MediaException(Problem.DOWNLOAD_FAILED, "The Graph API is in sandbox mode: media cannot be downloaded");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw new MediaException(Problem.UNAVAILABLE, "The chatbot has no WhatsApp access token to download media with");
        }
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            throw new MediaException(Problem.UNAVAILABLE, "The message names no valid media id");
        }
        String token = "Bearer " + accessToken.strip();
        JsonNode info = lookup(mediaId, token, deadline, maxBytes);
        byte[] bytes;
        try {
            bytes = get(mediaUrl(info), token, deadline, maxBytes).body();
        } catch (MediaException expired) {
            if (expired.problem() != Problem.UNAVAILABLE) {
                throw expired;
            }
            // the URL lives about five minutes: a fresh lookup gives a new one
            info = lookup(mediaId, token, deadline, maxBytes);
            bytes = get(mediaUrl(info), token, deadline, maxBytes).body();
        }
        String mimeType = declaredMimeType == null || declaredMimeType.isBlank()
                ? info.path("mime_type").asText("") : declaredMimeType;
        if (!MediaSignature.matches(mimeType, bytes)) {
            throw new MediaException(Problem.NOT_AS_DECLARED, "The file is not the " + MediaSignature.baseType(mimeType)
                    + " it was declared as");
        }
        String hash = sha256 == null || sha256.isBlank() ? info.path("sha256").asText("") : sha256;
        if (!hash.isBlank() && !sameHash(hash.strip(), bytes)) {
            throw new MediaException(Problem.NOT_AS_DECLARED, "The file does not have the SHA-256 Meta sent for it");
        }
        return new Download(MediaSignature.baseType(mimeType), bytes);
    }

    /** Meta's answer to {@code GET /{version}/{media-id}}: url, mime_type, sha256, file_size (refused over the cap). */
    private JsonNode lookup(String mediaId, String token, Deadline deadline, long maxBytes) throws MediaException {
        JsonNode info;
        try {
            info = json.readTree(get(URI.create(apiRoot + "/" + mediaId), token, deadline, LOOKUP_MAX_BYTES).body());
        } catch (java.io.IOException e) {
            throw new MediaException(Problem.DOWNLOAD_FAILED, "The Graph API answered the media lookup with no JSON");
        }
        if (info.path("file_size").asLong(-1) > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return info;
    }

    private static URI mediaUrl(JsonNode info) throws MediaException {
        String url = info.path("url").asText("");
        try {
            if (!url.isBlank()) {
                return URI.create(url);
            }
        } catch (IllegalArgumentException e) {
            // refused below like a missing URL
        }
        throw new MediaException(Problem.UNAVAILABLE, "The Graph API answered the media lookup without a valid URL");
    }

    @Override
    public void close() {
        client.close();
    }

    private GuardedHttpClient.Answer get(URI url, String authorization, Deadline deadline, long maxBytes)
            throws MediaException {
        GuardedHttpClient.Answer answer;
        try {
            answer = client.send(GuardedHttpClient.Request.get(url).header("Authorization", authorization), deadline, maxBytes);
        } catch (OutboundException e) {
            throw switch (e.kind()) {
                case TOO_LARGE -> tooLarge(maxBytes);
                case TIMEOUT -> new MediaException(Problem.DOWNLOAD_FAILED, "The media download took longer than "
                        + Amounts.seconds(deadline.budget()));
                case NOT_ALLOWED, INVALID_URL -> new MediaException(Problem.UNAVAILABLE,
                        "The media URL is not one the hub may fetch: " + e.getMessage());
                default -> new MediaException(Problem.DOWNLOAD_FAILED, "The media could not be downloaded: " + e.getMessage());
            };
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return answer;
        }
        if (status == 429 || status >= 500) {
            throw new MediaException(Problem.DOWNLOAD_FAILED, "The Graph API answered HTTP " + status + " to a media download");
        }
        throw new MediaException(Problem.UNAVAILABLE, "Meta no longer has the media or refused the token (HTTP " + status + ")");
    }

    private static MediaException tooLarge(long maxBytes) {
        return new MediaException(Problem.TOO_LARGE, "The file is larger than " + Amounts.bytes(maxBytes));
    }

    private static boolean sameHash(String expected, byte[] bytes) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return expected.equalsIgnoreCase(HexFormat.of().formatHex(digest))
                || expected.equals(Base64.getEncoder().encodeToString(digest))
                || expected.equals(Base64.getUrlEncoder().encodeToString(digest));
    }

    // the operator's Graph API host is trusted wherever it is (a proxy, a test double); every other host is checked
    private static AddressGuard graphHostOr(String graphHost, AddressGuard others) {
        return new AddressGuard() {
            @Override
            public boolean allows(String host, int port, InetAddress address) {
                return host.equals(graphHost) || others.allows(host, port, address);
            }

            @Override
            public boolean allowsName(String host) {
                return host.equals(graphHost) || others.allowsName(host);
            }
        };
    }
}
