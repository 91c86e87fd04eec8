package processors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import hub.config.HubProperties;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Meta's subscription handshake: echo {@code hub.challenge} when {@code hub.mode=subscribe} and the
 * verify token matches {@code hub.whatsapp.verify-token}. Without a configured token nothing matches.
 */
@Component
public class SubscriptionVerifier implements Processor {

    private final byte[] verifyToken;

    public SubscriptionVerifier(HubProperties hub) {
        String token = hub.whatsapp().verifyToken();
        this.verifyToken = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        String mode = exchange.getIn().getHeader("hub.mode", String.class);
        String token = exchange.getIn().getHeader("hub.verify_token", String.class);
        String challenge = exchange.getIn().getHeader("hub.challenge", String.class);
        if (!"subscribe".equals(mode) || token == null || challenge == null || !tokenMatches(token)) {
            throw ApiError.forbidden("Webhook verification failed: wrong mode or verify token");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain");
        exchange.getMessage().setBody(challenge);
    }

    private boolean tokenMatches(String token) {
        return verifyToken != null && MessageDigest.isEqual(verifyToken, token.getBytes(StandardCharsets.UTF_8));
    }
}
