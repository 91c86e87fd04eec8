package hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import hub.contract.ApiCall;
import hub.contract.ApiContract;

/**
 * Real HTTP calls to a running hub, including Meta-signed webhook POSTs. Every answer to a documented API
 * operation is checked against the hub's /api/openapi.json ({@link ApiContract}).
 */
public final class HubHttp {

    public static final String APP_SECRET = "test-app-secret";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public HubHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> postWebhook(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhook"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> postSignedWebhook(String body) {
        return postWebhook(body, sign(APP_SECRET, body));
    }

    public HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ApiContract.verify(base, ApiCall.of(request, response));
        return response;
    }

    public String url(String path) {
        return base + path;
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single text message webhook as Meta sends it. */
    public static String textMessage(String phoneNumberId, String from, String wamid, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Test Customer"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"1764000000","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(phoneNumberId, from, from, wamid, text);
    }

    /** A delivery status webhook for one outbound message, as Meta sends it. */
    public static String statusUpdate(String phoneNumberId, String outboundWamid, String status, String recipient) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"1764000100","recipient_id":"%s"}]}}]}]}"""
                .formatted(phoneNumberId, outboundWamid, status, recipient);
    }
}
