package processors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import hub.TestProperties;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class WebhookSignatureVerifierTest {

    private static final String SECRET = "app-secret-123";
    // non-ASCII and escaped characters: the signature covers the bytes, not a re-serialisation
    private static final byte[] BODY = "{\"object\":\"whatsapp_business_account\",\"x\":\"caf\\u00e9 ñ 😀\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final WebhookSignatureVerifier verifier =
            new WebhookSignatureVerifier(TestProperties.hub(Map.of("hub.whatsapp.app-secret", SECRET)));

    @Test
    void acceptsMetasSignatureOfTheRawBytes() {
        assertThat(verifier.isValid(BODY, sign(SECRET, BODY))).isTrue();
        assertThat(verifier.isValid(BODY, sign(SECRET, BODY).toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    }

    @Test
    void rejectsWrongSecretAlteredBodyAndMalformedHeaders() {
        byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("ñ", "n").getBytes(StandardCharsets.UTF_8);
        String good = sign(SECRET, BODY);
        assertThat(verifier.isValid(BODY, sign("other-secret", BODY))).isFalse();
        assertThat(verifier.isValid(altered, good)).isFalse();
        assertThat(verifier.isValid(BODY, good.substring("sha256=".length()))).as("no prefix").isFalse();
        assertThat(verifier.isValid(BODY, "sha1=" + good.substring(7))).as("other algorithm").isFalse();
        assertThat(verifier.isValid(BODY, good.substring(0, good.length() - 2))).as("truncated").isFalse();
        assertThat(verifier.isValid(BODY, good.substring(0, good.length() - 1) + "z")).as("not hex").isFalse();
        assertThat(verifier.isValid(BODY, "")).isFalse();
    }

    @Test
    void missingOrInvalidSignatureIs401() {
        assertThatThrownBy(() -> verifier.process(exchange(BODY, null)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Missing");
        assertThatThrownBy(() -> verifier.process(exchange(BODY, sign("nope", BODY))))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Invalid");
        assertThatCode(() -> verifier.process(exchange(BODY, sign(SECRET, BODY)))).doesNotThrowAnyException();
    }

    @Test
    void withoutAnAppSecretNothingIsAccepted() {
        var noSecret = new WebhookSignatureVerifier(TestProperties.hub(Map.of()));
        assertThat(noSecret.isValid(BODY, sign("x", BODY))).isFalse();
        assertThatThrownBy(() -> noSecret.process(exchange(BODY, sign("x", BODY)))).isInstanceOf(ApiError.class);
    }

    @Test
    void allowUnsignedAcceptsUnsignedButStillRejectsForgedSignatures() {
        var lenient = new WebhookSignatureVerifier(TestProperties.hub(Map.of(
                "hub.whatsapp.app-secret", SECRET, "hub.whatsapp.allow-unsigned", "true")));
        assertThatCode(() -> lenient.process(exchange(BODY, null))).doesNotThrowAnyException();
        assertThatThrownBy(() -> lenient.process(exchange(BODY, sign("forged", BODY)))).isInstanceOf(ApiError.class);
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exchange exchange(byte[] body, String signature) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(body);
        if (signature != null) {
            exchange.getIn().setHeader(WebhookSignatureVerifier.HEADER, signature);
        }
        return exchange;
    }
}
