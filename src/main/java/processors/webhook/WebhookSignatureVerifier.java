package processors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import hub.config.HubProperties;
import hub.web.ApiError;
import jakarta.annotation.PostConstruct;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}, Meta's HMAC-SHA256 of the raw body keyed by the
 * app secret, in constant time. Unsigned requests pass only with {@code hub.whatsapp.allow-unsigned}.
 */
@Component
public class WebhookSignatureVerifier implements Processor {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final Logger log = LoggerFactory.getLogger(WebhookSignatureVerifier.class);
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;
    private final boolean allowUnsigned;
    private final ThreadLocal<Mac> macs;

    public WebhookSignatureVerifier(HubProperties hub) {
        String secret = hub.whatsapp().appSecret();
        this.key = secret == null || secret.isEmpty()
                ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.allowUnsigned = hub.whatsapp().allowUnsigned();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @PostConstruct
    void warnAboutUnsafeSettings() {
        if (allowUnsigned) {
            log.warn("hub.whatsapp.allow-unsigned=true: webhook requests without a valid signature are accepted. "
                    + "Anyone who knows the URL can inject messages; never use this in production.");
        } else if (key == null) {
            log.warn("hub.whatsapp.app-secret is not set: every webhook POST will be refused with 401.");
        }
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        String header = exchange.getIn().getHeader(HEADER, String.class);
        if (allowUnsigned && (header == null || key == null)) {
            return;
        }
        if (header == null || header.isEmpty()) {
            throw ApiError.unauthorized("Missing " + HEADER + " header");
        }
        if (key == null || !isValid(body, header)) {
            throw ApiError.unauthorized("Invalid " + HEADER + " signature");
        }
    }

    /** True when {@code header} is {@code sha256=} followed by the 64-hex-digit HMAC of {@code body}. */
    public boolean isValid(byte[] body, String header) {
        if (key == null || header.length() != PREFIX.length() + 64
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        byte[] expected = macs.get().doFinal(body);
        return MessageDigest.isEqual(expected, claimed);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            if (key != null) {
                mac.init(key);
            }
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
